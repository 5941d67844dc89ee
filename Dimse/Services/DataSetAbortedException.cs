namespace HeadCt.Dimse.Services;

/// <summary>The data set of a C-STORE did not arrive whole: the association was aborted, released or closed first.</summary>
public sealed class DataSetAbortedException(string message) : IOException(message);
