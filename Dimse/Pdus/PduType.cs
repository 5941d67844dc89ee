namespace HeadCt.Dimse.Pdus;

/// <summary>The seven PDU types of the upper layer protocol (PS3.8 §9.3.1, Table 9-11 … 9-26).</summary>
public enum PduType : byte
{
    AssociateRequest = 0x01,
    AssociateAccept = 0x02,
    AssociateReject = 0x03,
    DataTransfer = 0x04,
    ReleaseRequest = 0x05,
    ReleaseResponse = 0x06,
    Abort = 0x07,
}
