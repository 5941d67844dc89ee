using System.Numerics;
using HeadCt.Dicom;

namespace HeadCt.Gateway.Features.Ingest.Deidentification;

/// <summary>
/// De-identifies the files of one upload (PS3.15 Annex E Basic Profile): <see cref="BasicProfile"/> attributes removed
/// or emptied, private attributes removed, every instance UID replaced by a new UUID-derived UID (PS3.5 §B.2) that is
/// the same for the same original UID throughout the upload, so series and references still hold together.
/// </summary>
public sealed class StudyDeidentifier(string studyId)
{
    public const string MethodDescription = "PS3.15 Basic Application Level Confidentiality Profile (HeadCt gateway)";

    /// <summary>Standard UIDs (SOP classes, transfer syntaxes, coding schemes) identify no one and are kept.</summary>
    private const string StandardUidRoot = "1.2.840.10008.";

    private static readonly DicomTag PatientIdentityRemoved = new(0x0012, 0x0062);
    private static readonly DicomTag DeidentificationMethod = new(0x0012, 0x0063);

    private readonly Dictionary<string, string> _uids = new(StringComparer.Ordinal);

    public byte[] Deidentify(ReadOnlyMemory<byte> file)
    {
        var original = DicomReader.Read(file);
        Clean(original.Dataset);
        var dataset = original.Dataset;
        dataset.SetString(DicomTags.PatientName, DicomVr.PN, "ANONYMOUS");
        dataset.SetString(DicomTags.PatientId, DicomVr.LO, "ANON-" + studyId);
        dataset.SetString(PatientIdentityRemoved, DicomVr.CS, "YES");
        dataset.SetString(DeidentificationMethod, DicomVr.LO, MethodDescription);
        // A new meta group: its Source AE Title and private meta elements may name the sender.
        return DicomWriter.ToBytes(new DicomFile(new DicomDataset(), dataset, original.TransferSyntax), original.TransferSyntax);
    }

    private void Clean(DicomDataset dataset)
    {
        var tags = new List<DicomTag>(dataset.Count);
        foreach (var element in dataset)
        {
            tags.Add(element.Tag);
        }

        foreach (var tag in tags)
        {
            var element = dataset.Find(tag)!;
            ProfileAction? action = BasicProfile.Actions.TryGetValue(tag, out var listed) ? listed : null;
            if (tag.IsPrivate || action == ProfileAction.Remove)
            {
                dataset.Remove(tag);
            }
            else if (action == ProfileAction.Empty)
            {
                dataset.Set(new DicomElement(tag, element.Vr, ReadOnlyMemory<byte>.Empty));
            }
            else if (element.Vr == DicomVr.UI)
            {
                ReplaceUids(dataset, element);
            }
            else if (element.IsSequence)
            {
                foreach (var item in element.Items)
                {
                    Clean(item);
                }
            }
        }
    }

    private void ReplaceUids(DicomDataset dataset, DicomElement element)
    {
        var values = dataset.GetStrings(element.Tag);
        var changed = false;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i].Length > 0 && !values[i].StartsWith(StandardUidRoot, StringComparison.Ordinal))
            {
                values[i] = MappedUid(values[i]);
                changed = true;
            }
        }

        if (changed)
        {
            dataset.SetString(element.Tag, DicomVr.UI, values);
        }
    }

    /// <summary>The UID an original UID became (or becomes) in this upload.</summary>
    public string MappedUid(string original)
    {
        if (!_uids.TryGetValue(original, out var mapped))
        {
            mapped = "2.25." + new BigInteger(Guid.NewGuid().ToByteArray(), isUnsigned: true);
            _uids[original] = mapped;
        }

        return mapped;
    }
}
