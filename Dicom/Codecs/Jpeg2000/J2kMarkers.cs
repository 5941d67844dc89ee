namespace HeadCt.Dicom.Codecs.Jpeg2000;

/// <summary>Marker codes of the codestream (T.800 Table A.2) and Part 15 (T.814 §A.2).</summary>
internal static class J2kMarkers
{
    public const int Soc = 0xFF4F;
    public const int Cap = 0xFF50;
    public const int Siz = 0xFF51;
    public const int Cod = 0xFF52;
    public const int Coc = 0xFF53;
    public const int Tlm = 0xFF55;
    public const int Plm = 0xFF57;
    public const int Plt = 0xFF58;
    public const int Cpf = 0xFF59;
    public const int Qcd = 0xFF5C;
    public const int Qcc = 0xFF5D;
    public const int Rgn = 0xFF5E;
    public const int Poc = 0xFF5F;
    public const int Ppm = 0xFF60;
    public const int Ppt = 0xFF61;
    public const int Crg = 0xFF63;
    public const int Com = 0xFF64;
    public const int Sot = 0xFF90;
    public const int Sop = 0xFF91;
    public const int Eph = 0xFF92;
    public const int Sod = 0xFF93;
    public const int Eoc = 0xFFD9;

    public static string Name(int marker) => marker switch
    {
        Soc => "SOC", Cap => "CAP", Siz => "SIZ", Cod => "COD", Coc => "COC", Tlm => "TLM", Plm => "PLM", Plt => "PLT",
        Cpf => "CPF", Qcd => "QCD", Qcc => "QCC", Rgn => "RGN", Poc => "POC", Ppm => "PPM", Ppt => "PPT", Crg => "CRG",
        Com => "COM", Sot => "SOT", Sop => "SOP", Eph => "EPH", Sod => "SOD", Eoc => "EOC",
        _ => $"0x{marker:X4}",
    };
}
