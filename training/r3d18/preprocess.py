"""The original project's preprocessing, in PyTorch, as HeadCt.Inference reproduces it (manifest written by
export_r3d18.py): HU volume [D, H, W] -> in-plane resize to 128x128, every slice kept -> three channels, each
keeping the HU inside its window (edges included) and 0 outside -> min-max over the whole tensor."""
import os

import numpy as np
import pydicom
import torch
import torch.nn.functional as F

IN_PLANE = 128
# (name, lower HU, upper HU) in the original's channel order.
WINDOWS = [("brain", 22.0, 50.0), ("bone", 220.0, 2000.0), ("blood", 40.0, 100.0)]


def read_series(folder):
    """HU volume [D, H, W] float32 of the CT slices in `folder`, ordered along the slice normal (row x column,
    PS3.3 C.7.6.2.1.1), ties by SOP Instance UID; HU = stored * slope + intercept (PS3.3 C.11.1.1.2)."""
    slices = []
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if not os.path.isfile(path):
            continue
        ds = pydicom.dcmread(path)
        if "PixelData" in ds and getattr(ds, "Modality", "CT") == "CT":
            slices.append(ds)
    if not slices:
        raise ValueError(f"no CT slices in {folder}")
    orientation = np.array(slices[0].ImageOrientationPatient, dtype=np.float64)
    normal = np.cross(orientation[:3], orientation[3:])
    slices.sort(key=lambda ds: (float(np.dot(np.array(ds.ImagePositionPatient, dtype=np.float64), normal)), str(ds.SOPInstanceUID)))
    hu = [ds.pixel_array.astype(np.float64) * float(getattr(ds, "RescaleSlope", 1)) + float(getattr(ds, "RescaleIntercept", 0)) for ds in slices]
    return np.stack(hu).astype(np.float32)


def preprocess(hu):
    """[D, H, W] HU -> [1, 3, D, 128, 128] model input."""
    volume = torch.as_tensor(hu)[None, None]
    depth = volume.shape[2]
    # Linear in-plane, sample centres at (i + 1/2) * step (align_corners=False), no antialiasing; depth unchanged.
    resized = F.interpolate(volume, size=(depth, IN_PLANE, IN_PLANE), mode="trilinear", align_corners=False)[0, 0]
    zero = torch.zeros((), dtype=resized.dtype)
    channels = [torch.where((resized >= lower) & (resized <= upper), resized, zero) for _, lower, upper in WINDOWS]
    tensor = torch.stack(channels)
    low, high = tensor.min(), tensor.max()
    tensor = (tensor - low) / (high - low) if high > low else torch.zeros_like(tensor)
    return tensor[None]


def input_manifest(input_name="volume"):
    """The manifest's `input` block that makes HeadCt.Inference compute exactly `preprocess`."""
    return {
        "name": input_name,
        "layout": "NCDHW",
        "height": IN_PLANE,
        "width": IN_PLANE,
        "depthPolicy": "Native",
        "depth": None,
        "targetSliceSpacingMm": None,
        "channels": [{"name": n, "lowerHu": lo, "upperHu": hi, "maskOutside": True} for n, lo, hi in WINDOWS],
        "normalisation": "TensorMinMax",
    }
