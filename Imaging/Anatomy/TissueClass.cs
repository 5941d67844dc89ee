namespace HeadCt.Imaging.Anatomy;

/// <summary>What a voxel (or a block of voxels) is, as far as walling in the cavity goes.</summary>
internal enum TissueClass : byte
{
    /// <summary>Fat, dense soft tissue above the soft band: neither a barrier nor a candidate.</summary>
    Other,
    Soft,
    Bone,
    Air,
}
