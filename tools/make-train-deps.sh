#!/bin/bash
# Packs what unblur-train needs beyond LibTorch for a machine that has neither OpenCV nor a
# network (a rented GPU box): Debian's OpenCV 4.6 source built with only core, imgproc and
# imgcodecs (PNG and JPEG), the libjpeg and libpng it links, and nlohmann-json's headers.
# Run on Debian 12 with deb-src enabled; the result is the DEPS argument of gpu-train.sh.
#
#   tools/make-train-deps.sh WORK_DIR OUT.tar.xz
set -eu
WORK=$1 OUT=$2
mkdir -p "$WORK" && cd "$WORK"
[ -d opencv-4.6.0 ] || { apt-get source --download-only opencv && tar xf opencv_4.6.0+dfsg.orig.tar.xz; }
cmake -S opencv-4.6.0 -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$WORK/install" \
    -DBUILD_LIST=core,imgproc,imgcodecs -DBUILD_SHARED_LIBS=ON -DCPU_BASELINE=SSE3 -DCPU_DISPATCH=AVX2 \
    -DWITH_IPP=OFF -DWITH_TBB=OFF -DWITH_OPENMP=OFF -DWITH_PTHREADS_PF=ON -DWITH_TIFF=OFF -DWITH_WEBP=OFF \
    -DWITH_OPENEXR=OFF -DWITH_JASPER=OFF -DWITH_OPENJPEG=OFF -DWITH_GDAL=OFF -DWITH_GDCM=OFF -DWITH_ITT=OFF \
    -DWITH_LAPACK=OFF -DWITH_EIGEN=OFF -DWITH_OPENCL=OFF -DWITH_VA=OFF -DWITH_VA_INTEL=OFF -DWITH_PROTOBUF=OFF \
    -DWITH_ADE=OFF -DWITH_QUIRC=OFF -DWITH_FFMPEG=OFF -DWITH_GSTREAMER=OFF -DWITH_GTK=OFF -DWITH_V4L=OFF \
    -DWITH_1394=OFF -DWITH_IMGCODEC_HDR=OFF -DWITH_IMGCODEC_SUNRASTER=OFF -DWITH_IMGCODEC_PFM=OFF \
    -DBUILD_TESTS=OFF -DBUILD_PERF_TESTS=OFF -DBUILD_opencv_apps=OFF -DBUILD_JAVA=OFF \
    -DBUILD_opencv_python3=OFF -DBUILD_opencv_python2=OFF -DBUILD_PNG=OFF -DBUILD_JPEG=OFF -DBUILD_ZLIB=OFF \
    -DOPENCV_GENERATE_PKGCONFIG=OFF -DWITH_CAROTENE=OFF -DWITH_OPENVX=OFF -DWITH_VULKAN=OFF -DWITH_CUDA=OFF \
    -DBUILD_DOCS=OFF -DBUILD_EXAMPLES=OFF -DWITH_QT=OFF -DWITH_OBSENSOR=OFF
ninja -C build install
STAGE="$WORK/stage"
rm -rf "$STAGE" && mkdir -p "$STAGE/lib" "$STAGE/include" "$STAGE/share/cmake"
cp -a "$WORK"/install/lib/libopencv_* "$WORK/install/lib/cmake" "$STAGE/lib/"
cp -a "$WORK/install/include/opencv4" "$STAGE/include/"
cp -a /usr/lib/x86_64-linux-gnu/libjpeg.so.62* /usr/lib/x86_64-linux-gnu/libpng16.so.16* "$STAGE/lib/"
cp -a /usr/include/nlohmann "$STAGE/include/"
cp -a /usr/share/cmake/nlohmann_json "$STAGE/share/cmake/"
strip --strip-unneeded "$STAGE"/lib/libopencv_*.so.4.6.0
tar cJf "$OUT" -C "$STAGE" .
ls -l "$OUT"
