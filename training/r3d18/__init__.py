"""The original project's r3d_18 model: building it, its preprocessing in PyTorch, ONNX export and a reference run."""
