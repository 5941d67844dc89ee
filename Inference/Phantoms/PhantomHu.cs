namespace HeadCt.Inference.Phantoms;

internal static class PhantomHu
{
    public const double Air = -1000;
}
