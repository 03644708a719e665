#!/bin/sh
# The layering the photo-level API promises (docs/architecture.md): ui/ and app/gui know no
# LibTorch header or type, the CLI's deblur and batch commands none either, and ui/ loads a
# model in one place. Prints each offending line; exits 1 on any.
# Usage: CheckLayering.sh SOURCE_DIR
set -u
root=${1:?usage: CheckLayering.sh SOURCE_DIR}
status=0

fail() {
    echo "layering: $1" >&2
    status=1
}

torch='#include *[<"](torch|ATen|c10)/|#include *"(engine/Engine|engine/EngineTypes|model/)|\<(torch|c10|at)::'
hits=$(grep -rnE "$torch" "$root/ui" "$root/app/gui" --include='*.cpp' --include='*.h')
[ -z "$hits" ] || fail "LibTorch in ui/ or app/gui:
$hits"

hits=$(grep -nE "$torch|engine::Engine\>" "$root/app/cli/DeblurCommand.cpp" \
    "$root/app/cli/BatchCommand.cpp")
[ -z "$hits" ] || fail "LibTorch or the engine in the CLI's deblur/batch commands:
$hits"

loads=$(grep -rn 'Restorer::open' "$root/ui" --include='*.cpp' | wc -l)
[ "$loads" -eq 1 ] || fail "ui/ must load a model in exactly one place, found $loads:
$(grep -rn 'Restorer::open' "$root/ui" --include='*.cpp')"

# The check itself must catch what it looks for.
probe=$(printf '#include <torch/torch.h>\nc10::InferenceMode guard;\n' | grep -cE "$torch")
[ "$probe" -eq 2 ] || fail "the pattern no longer matches LibTorch code"

[ $status -eq 0 ] && echo "layering: ui/, app/gui and the CLI's deblur/batch are free of LibTorch; ui/ loads models in one place"
exit $status
