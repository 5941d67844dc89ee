using System.Buffers;

namespace HeadCt.Dimse.Pdus;

/// <summary>
/// One presentation data value of a P-DATA-TF (PS3.8 §9.3.5.1, Annex E.2): the context it belongs to and a message
/// control header saying whether it carries command or data set bytes and whether it is the last fragment.
/// <see cref="Data"/> points into the received PDU and is valid until the reader moves on.
/// </summary>
public readonly record struct PresentationDataValue(byte ContextId, byte ControlHeader, ReadOnlySequence<byte> Data)
{
    public bool IsCommand => (ControlHeader & 0x01) != 0;

    public bool IsLast => (ControlHeader & 0x02) != 0;

    public static byte Control(bool isCommand, bool isLast) => (byte)((isCommand ? 0x01 : 0) | (isLast ? 0x02 : 0));
}
