namespace HeadCt.StudyIndex.Qido;

/// <summary>A QIDO-RS request the index cannot run as written (PS3.18 §8.3.4: 400 Bad Request), with the reason.</summary>
public sealed class QidoQueryException(string message) : Exception(message);
