#pragma once

#include <QStringList>

/**
 * `unblur-cli eval --pairs DIR [options]`: restores every blurry image of an evaluation folder
 * (see unblur::eval::findEvalPairs) with the model, the unsharp-mask baseline or nothing, and
 * prints PSNR/SSIM of input and output per image and their mean. `arguments` starts with the
 * program name, then "eval". Returns the exit code: 0 done, 1 when the folder holds no pairs,
 * the model cannot be loaded or any pair failed (the others are still evaluated), 2 bad usage.
 */
int runEvalCommand(const QStringList& arguments);
