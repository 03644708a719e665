# Shared compiler settings for every Unblur target.
function(unblur_target_defaults target)
    # -fPIC after CMake's -fPIE for executables: the shared precompiled header needs one setting.
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wno-unused-parameter -fPIC)
    target_compile_features(${target} PUBLIC cxx_std_17)
endfunction()

# <torch/torch.h> precompiled once, by unblur_torch_pch (core/), and reused by every LibTorch
# target: with GCC each copy is about 570 MB, and one per target filled a CI disk. GCC only
# accepts the header where the flags match and every macro defined when it was made is
# defined the same way, so its target defines nothing of its own, and every target is
# compiled with -fPIC (Qt wants that anyway).
function(unblur_torch_pch target)
    target_precompile_headers(${target} REUSE_FROM unblur_torch_pch)
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
