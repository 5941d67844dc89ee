namespace HeadCt.Dimse.Messages;

/// <summary>Command Field (0000,0100) values (PS3.7 Annex E, Table E.1-1); responses have bit 15 set.</summary>
public enum CommandField : ushort
{
    CStoreRequest = 0x0001,
    CStoreResponse = 0x8001,
    CGetRequest = 0x0010,
    CFindRequest = 0x0020,
    CMoveRequest = 0x0021,
    CEchoRequest = 0x0030,
    CEchoResponse = 0x8030,
    NEventReportRequest = 0x0100,
    NGetRequest = 0x0110,
    NSetRequest = 0x0120,
    NActionRequest = 0x0130,
    NCreateRequest = 0x0140,
    NDeleteRequest = 0x0150,
    CCancelRequest = 0x0FFF,
}
