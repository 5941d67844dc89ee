"""torchvision's r3d_18 shaped like the original project's: 3-channel stem, `fc` replaced by a 1-logit Linear."""
import torch
import torch.nn as nn
from torchvision.models.video import r3d_18


def build(checkpoint=None, seed=None):
    """The original's network in eval mode, with weights from `checkpoint` (a `.pth` whose dict holds them under
    `model_state_dict`, or a bare state dict) or, without one, randomly initialised from `seed`."""
    if checkpoint is None and seed is not None:
        torch.manual_seed(seed)
    model = r3d_18(weights=None)
    model.fc = nn.Linear(model.fc.in_features, 1)
    if checkpoint is not None:
        model.load_state_dict(_state_dict(checkpoint))
    else:
        _randomise_batch_norm(model, seed or 0)
    return model.eval()


def _state_dict(path):
    saved = torch.load(path, map_location="cpu")
    state = saved.get("model_state_dict", saved) if isinstance(saved, dict) else saved
    # A model saved from nn.DataParallel carries a "module." prefix on every key.
    return {k[len("module."):] if k.startswith("module.") else k: v for k, v in state.items()}


def _randomise_batch_norm(model, seed):
    """Fresh BatchNorm is the identity in eval mode; random statistics make the export and ONNX Runtime's Conv+BN
    fusion carry real weight, as a trained checkpoint would."""
    g = torch.Generator().manual_seed(seed + 1)
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, nn.BatchNorm3d):
                n = m.num_features
                m.running_mean.copy_(torch.randn(n, generator=g) * 0.1)
                m.running_var.copy_(torch.rand(n, generator=g) * 0.5 + 0.75)
                m.weight.copy_(torch.rand(n, generator=g) * 0.5 + 0.75)
                m.bias.copy_(torch.randn(n, generator=g) * 0.1)


class WithFeatures(nn.Module):
    """Returns the logit and the last block's feature map. The head is global average pool + linear, so
    CAM = ReLU(sum_k w_k A_k) with w = fc.weight[0] equals Grad-CAM on `layer4` up to a positive factor."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, x):
        m = self.model
        features = m.layer4(m.layer3(m.layer2(m.layer1(m.stem(x)))))
        logit = m.fc(m.avgpool(features).flatten(1))
        return logit, features


def class_weights(model):
    return [float(w) for w in model.fc.weight[0]]
