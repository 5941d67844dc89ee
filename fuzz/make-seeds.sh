#!/usr/bin/env bash
# Copies a small selection of small corpus files (one or more per transfer syntax and per tricky feature)
# into fuzz/seeds/ (git-ignored). The corpus is never committed; run this before fuzzing.
set -euo pipefail
repo_root="$(cd "$(dirname "$0")/.." && pwd)"
corpus="${DICOM_CORPUS:-$repo_root/../shared/dicom-corpus}"
seeds="$repo_root/fuzz/seeds"

selection=(
  series/ct_head_mini_16x16/17106                         # explicit VR LE, signed 16-bit CT
  features/no_meta/ExplVR_LitEndNoMeta.dcm                # no file meta, explicit LE
  features/no_meta/ExplVR_BigEndNoMeta.dcm                # no file meta, big endian
  features/no_meta/meta_missing_tsyntax.dcm               # meta without TransferSyntaxUID
  features/no_meta/no_meta_group_length.dcm
  features/odd_length/SC_rgb_small_odd.dcm                # 3x3 RGB, odd pixel length
  features/odd_length/SC_rgb_small_odd_big_endian.dcm
  features/odd_length/SC_rgb_small_odd_jpeg.dcm           # JPEG baseline
  features/odd_length/3x3_jpeg_lossless.dcm               # JPEG lossless SV1
  features/sequences/nested_priv_SQ.dcm                   # implicit VR, nested private sequences
  features/sequences/priv_SQ.dcm
  features/sequences/UN_sequence.dcm                      # sequence hidden in VR UN
  syntaxes/implicit_le/MR_small_implicit.dcm
  syntaxes/deflated/Issue1097_FailToOpenDeflatedFileWithSQ.dcm
  syntaxes/deflated/image_dfl.dcm
  syntaxes/rle/SC_rgb_rle_16bit.dcm
  syntaxes/rle/SC_rgb_rle_32bit.dcm
  syntaxes/rle/MR_small_RLE.dcm
  features/multiframe/rtdose.dcm                          # multi-frame, 32-bit native
  features/photometric/YBR_FULL_422_SC_ybr_full_422_uncompressed.dcm
  features/multiframe/SC_rgb_rle_2frame.dcm
  syntaxes/jpeg_baseline/SC_rgb_jpeg_dcmtk.dcm
  syntaxes/jpeg_baseline/SC_jpeg_no_color_transform.dcm
  syntaxes/jpeg_baseline/SC_rgb_jpeg_gdcm.dcm             # labelled baseline, actually JPEG lossless SV1
  syntaxes/jpeg_extended/JPGExtended.dcm                  # 12-bit JPEG extended
  syntaxes/jpegls_near_lossless/JPEGLSNearLossless_08.dcm
  syntaxes/jpegls_near_lossless/JPEGLSNearLossless_16.dcm
  syntaxes/jpegls_near_lossless/SC_rgb_jls_lossy_line.dcm
  syntaxes/jpegls_lossless/MR_small_jpeg_ls_lossless.dcm
  syntaxes/jpegls_lossless/JLSL_08_07_0_1F.dcm            # 7 bits in 8
  syntaxes/j2k_lossy/JPEG2000.dcm                         # JPEG 2000 9/7, 256×1024, 2 KB codestream
  syntaxes/j2k_lossless/MR_small_jp2klossless.dcm         # JPEG 2000 5/3, signed 16-bit
  syntaxes/j2k_lossless/GDCMJ2K_TextGBR.dcm               # JP2 boxes around the codestream, RCT
  syntaxes/j2k_lossy/CT1_J2KI.dcm                         # 9/7 CT, 14 KB
  features/multiframe/emri_small_jpeg_2k_lossless.dcm     # 10 frames of 5/3
  syntaxes/htj2k/HTJ2KLossless_08_RGB.dcm                 # HTJ2K: unsupported-syntax path
  syntaxes/deflated_image_frame/liver_deflate.dcm         # 1-bit SEG, newer syntax
  broken/oob_monochrome_65535x65535.dcm                   # huge declared size
  broken/rtplan_truncated.dcm
)

rm -rf "$seeds"
mkdir -p "$seeds"
for path in "${selection[@]}"; do
  # flatten the folder structure into the file name, so seeds of the same name do not collide
  cp "$corpus/$path" "$seeds/$(echo "$path" | tr '/' '_')"
done
echo "copied ${#selection[@]} seeds ($(du -sk "$seeds" | cut -f1) KiB) to $seeds"
