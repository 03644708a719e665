# Shared compiler settings for every Unblur target.
function(unblur_target_defaults target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wno-unused-parameter)
    target_compile_features(${target} PUBLIC cxx_std_17)
endfunction()

# <torch/torch.h> precompiled once, by unblur_model, and reused by every LibTorch target: with
# GCC each copy is about 570 MB, and one per target filled a CI disk. Reuse needs identical
# code-generation flags, hence position-independent code everywhere (Qt wants it anyway).
function(unblur_torch_pch target)
    if(target STREQUAL "unblur_model")
        target_precompile_headers(${target} PRIVATE <torch/torch.h>)
    else()
        target_precompile_headers(${target} REUSE_FROM unblur_model)
    endif()
endfunction()

# Inference allocates and frees tensors of tens of megabytes all the time; glibc returns
# those to the kernel at once (mmap), so every layer pays page faults again. tcmalloc keeps
# them: about 1.4x faster whole-image inference on the CPU. Optional.
find_library(UNBLUR_TCMALLOC_LIBRARY NAMES tcmalloc_minimal libtcmalloc_minimal.so.4)
function(unblur_use_fast_allocator target)
    if(UNBLUR_TCMALLOC_LIBRARY)
        target_link_libraries(${target} PRIVATE
            "-Wl,--push-state,--no-as-needed" ${UNBLUR_TCMALLOC_LIBRARY} "-Wl,--pop-state")
    endif()
endfunction()
