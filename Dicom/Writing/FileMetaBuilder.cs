namespace HeadCt.Dicom.Writing;

/// <summary>Builds the File Meta Information group (PS3.10 §7.1) for a file about to be written.</summary>
internal static class FileMetaBuilder
{
    public const string ImplementationClassUid = DicomImplementation.ClassUid;

    public const string ImplementationVersionName = DicomImplementation.VersionName;

    private static readonly DicomTag[] Generated =
    [
        DicomTags.FileMetaInformationGroupLength, DicomTags.FileMetaInformationVersion, DicomTags.MediaStorageSopClassUid,
        DicomTags.MediaStorageSopInstanceUid, DicomTags.TransferSyntaxUid, DicomTags.ImplementationClassUid,
        DicomTags.ImplementationVersionName,
    ];

    /// <summary>The meta elements without the group length, which the writer computes from their encoded size.</summary>
    public static DicomDataset Build(DicomFile file, TransferSyntax syntax)
    {
        var meta = Build(Uid(file, DicomTags.MediaStorageSopClassUid, DicomTags.SopClassUid),
            Uid(file, DicomTags.MediaStorageSopInstanceUid, DicomTags.SopInstanceUid), syntax.Uid);
        foreach (var element in file.FileMetaInformation)
        {
            if (Array.IndexOf(Generated, element.Tag) < 0 && element.Tag.Group == 0x0002)
                meta.Set(element);
        }
        return meta;
    }

    /// <summary>The required meta elements (PS3.10 Table 7.1-1) for an instance known by its UIDs alone.</summary>
    public static DicomDataset Build(string sopClassUid, string sopInstanceUid, string transferSyntaxUid)
    {
        var meta = new DicomDataset();
        meta.SetBytes(DicomTags.FileMetaInformationVersion, DicomVr.OB, new byte[] { 0x00, 0x01 });
        meta.SetString(DicomTags.MediaStorageSopClassUid, DicomVr.UI, sopClassUid);
        meta.SetString(DicomTags.MediaStorageSopInstanceUid, DicomVr.UI, sopInstanceUid);
        meta.SetString(DicomTags.TransferSyntaxUid, DicomVr.UI, transferSyntaxUid);
        meta.SetString(DicomTags.ImplementationClassUid, DicomVr.UI, ImplementationClassUid);
        meta.SetString(DicomTags.ImplementationVersionName, DicomVr.SH, ImplementationVersionName);
        return meta;
    }

    private static string Uid(DicomFile file, DicomTag metaTag, DicomTag datasetTag) =>
        file.Dataset.GetString(datasetTag) is { Length: > 0 } fromDataset ? fromDataset
        : file.FileMetaInformation.GetString(metaTag) is { Length: > 0 } fromMeta ? fromMeta
        : throw new DicomException(DicomErrorKind.MissingAttribute, $"{datasetTag} is needed for the File Meta Information", datasetTag);
}
