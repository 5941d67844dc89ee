namespace HeadCt.Dicom.Codecs.Jpeg;

/// <summary>Counts MCUs and reads a restart marker between intervals, resetting DC predictions (§F.2.1.3.1).</summary>
internal struct JpegRestartCounter(int interval)
{
    private readonly int _interval = interval;
    private int _mcusLeft;
    private int _nextIndex;
    private bool _started;

    public void BeforeMcu(ref JpegBitReader reader, JpegSequentialScanState state)
    {
        if (_interval == 0)
            return;
        if (_started && _mcusLeft == 0)
        {
            reader.ReadRestartMarker(_nextIndex);
            _nextIndex = (_nextIndex + 1) & 7;
            _mcusLeft = _interval;
            state.ResetPredictions();
        }

        if (!_started)
            _mcusLeft = _interval;
        _started = true;
        _mcusLeft--;
    }
}
