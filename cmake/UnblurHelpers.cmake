# Shared compiler settings for every Unblur target.
function(unblur_target_defaults target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wno-unused-parameter)
    target_compile_features(${target} PUBLIC cxx_std_17)
endfunction()
