namespace HeadCt.Dicom.Codecs.Jpeg2000;

/// <summary>Raw (bypassed) passes: bits MSB first with a zero bit stuffed after each 0xFF (T.800 D.6).</summary>
internal sealed class J2kRawBitReader
{
    private byte[] data = [];
    private int position;
    private int end;
    private int current;
    private int bitsLeft;

    public void Start(byte[] source, int start, int length)
    {
        data = source;
        position = start;
        end = start + length;
        current = 0;
        bitsLeft = 0;
    }

    public int ReadBit()
    {
        if (bitsLeft == 0)
        {
            var next = position < end ? data[position] : 0xFF;
            if (current == 0xFF)
            {
                if (next > 0x8F)
                {
                    current = 0xFF;
                    bitsLeft = 8;
                }
                else
                {
                    current = next;
                    position++;
                    bitsLeft = 7;
                }
            }
            else
            {
                current = next;
                position++;
                bitsLeft = 8;
            }
        }
        bitsLeft--;
        return (current >> bitsLeft) & 1;
    }
}
