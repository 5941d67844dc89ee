using System.Globalization;
using System.Text;

namespace HeadCt.Gateway.Audit;

/// <summary>Where a page of the trail ends: a blob and the byte offset of the next line in it. Opaque to clients (base64url).</summary>
public sealed record AuditCursor(string Blob, long Offset)
{
    public override string ToString() =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Offset.ToString(CultureInfo.InvariantCulture)}:{Blob}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryParse(string? text, out AuditCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text) || text.Length > 1024)
        {
            return false;
        }

        try
        {
            var padded = text.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var value = Encoding.UTF8.GetString(Convert.FromBase64String(padded));
            var colon = value.IndexOf(':');
            if (colon <= 0 || !long.TryParse(value.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var offset) ||
                AuditBlobLayout.StartOf(value[(colon + 1)..]) is null)
            {
                return false;
            }

            cursor = new AuditCursor(value[(colon + 1)..], offset);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
