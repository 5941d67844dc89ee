using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using HeadCt.Dimse;
using HeadCt.Dimse.Association;
using HeadCt.Dimse.Messages;
using HeadCt.Dimse.Pdus;
using HeadCt.Dimse.Services;
using HeadCt.Dimse.Transport;

namespace HeadCt.Dicom.Fuzz;

/// <summary>
/// Writes the DIMSE seed inputs (<c>--dimse-seeds</c>): PDUs of every type and whole peer sessions built with our
/// encoder, and, when DCMTK is installed, what echoscu and storescu really send to an SCP (recorded from the socket).
/// Each seed starts with its stage byte (0 parsers, 1 session; see <see cref="DimseFuzzTarget"/>).
/// </summary>
internal static class DimseSeeds
{
    public static int Write(string directory)
    {
        Directory.CreateDirectory(directory);
        var request = new AssociateRequestPdu(1, "FUZZ_SCP", "SEEDSCU", PduEncoder.DicomApplicationContext,
        [
            new PresentationContextProposal(1, SopClasses.Verification, [TransferSyntaxes.Default]),
            new PresentationContextProposal(3, SopClasses.CtImageStorage, ["1.2.840.10008.1.2.1", TransferSyntaxes.Default, "1.2.840.10008.1.2.4.70"]),
            new PresentationContextProposal(5, "1.2.840.10008.5.1.4.1.1.6.1", [TransferSyntaxes.Default]),
        ],
            new UserInformation(16384, "1.2.3.4.5", "SEED", new AsyncOperationsWindow(4, 4),
                [new RoleSelection(SopClasses.CtImageStorage, true, true)], []));
        var accept = new AssociateAcceptPdu(1, "FUZZ_SCP", "SEEDSCU", PduEncoder.DicomApplicationContext,
            [new PresentationContextResult(1, PresentationContextOutcome.Acceptance, TransferSyntaxes.Default),
             new PresentationContextResult(3, PresentationContextOutcome.TransferSyntaxesNotSupported, TransferSyntaxes.Default)],
            UserInformation.Of(16384, "1.2.3.4.5", "SEED"));
        var rq = PduEncoder.Encode(request);
        var echo = Data(1, true, true, CommandSets.EchoRequest(1).Encode());
        var store = Data(3, true, true, CommandSets.StoreRequest(2, SopClasses.CtImageStorage, "1.2.3.4.5.6").Encode());
        var dataSet = MinimalCt();
        byte[] storeData = [.. Data(3, false, false, dataSet[..(dataSet.Length / 2)]), .. Data(3, false, true, dataSet[(dataSet.Length / 2)..])];
        var release = PduEncoder.Encode(new ReleaseRequestPdu());

        var seeds = new Dictionary<string, byte[]>
        {
            ["parse-associate-rq"] = [0, .. rq],
            ["parse-associate-ac"] = [0, .. PduEncoder.Encode(accept)],
            ["parse-associate-rj"] = [0, .. PduEncoder.Encode(new AssociateRejectPdu(AssociationRejection.CallingAeTitleNotRecognized))],
            ["parse-abort-release"] = [0, .. PduEncoder.Encode(new AbortPdu(AbortSource.ServiceProvider, AbortReason.UnexpectedPdu)), .. release, .. PduEncoder.Encode(new ReleaseResponsePdu())],
            ["parse-pdata-echo-store"] = [0, .. echo, .. store, .. storeData],
            ["session-echo"] = [1, .. rq, .. echo, .. release],
            ["session-store"] = [1, .. rq, .. store, .. storeData, .. release],
            ["session-pdata-first"] = [1, .. echo, .. rq],
            ["session-abort"] = [1, .. rq, .. store, .. PduEncoder.Encode(new AbortPdu(AbortSource.ServiceUser, AbortReason.NotSpecified))],
        };
        foreach (var (tool, arguments) in new[] { ("echoscu", Array.Empty<string>()), ("storescu", new[] { "-R" }) })
        {
            if (Record(tool, arguments, dataSet) is { } recorded)
            {
                seeds[$"session-dcmtk-{tool}"] = [1, .. recorded];
                seeds[$"parse-dcmtk-{tool}"] = [0, .. recorded];
            }
        }

        foreach (var (name, bytes) in seeds)
            File.WriteAllBytes(Path.Combine(directory, name + ".bin"), bytes);
        Console.WriteLine($"wrote {seeds.Count} DIMSE seeds ({seeds.Values.Sum(s => s.Length)} bytes) to {directory}");
        return 0;
    }

    private static byte[] Data(byte context, bool command, bool last, byte[] data)
    {
        var pdu = new byte[12 + data.Length];
        pdu[0] = (byte)PduType.DataTransfer;
        BinaryPrimitives.WriteUInt32BigEndian(pdu.AsSpan(2), (uint)(data.Length + 6));
        BinaryPrimitives.WriteUInt32BigEndian(pdu.AsSpan(6), (uint)(data.Length + 2));
        pdu[10] = context;
        pdu[11] = PresentationDataValue.Control(command, last);
        data.CopyTo(pdu, 12);
        return pdu;
    }

    /// <summary>A tiny CT data set in Implicit VR LE (what a C-STORE carries).</summary>
    private static byte[] MinimalCt()
    {
        var dataset = new DicomDataset();
        dataset.SetString(DicomTags.SopClassUid, DicomVr.UI, SopClasses.CtImageStorage);
        dataset.SetString(DicomTags.SopInstanceUid, DicomVr.UI, "1.2.3.4.5.6");
        dataset.SetString(DicomTags.StudyInstanceUid, DicomVr.UI, "1.2.3.4");
        dataset.SetString(DicomTags.SeriesInstanceUid, DicomVr.UI, "1.2.3.4.5");
        dataset.SetNumbers(DicomTags.Rows, DicomVr.US, 2);
        dataset.SetNumbers(DicomTags.Columns, DicomVr.US, 2);
        dataset.SetBytes(DicomTags.PixelData, DicomVr.OW, new byte[8]);
        var file = DicomWriter.ToBytes(new DicomFile(new DicomDataset(), dataset, TransferSyntax.ImplicitVrLittleEndian), TransferSyntax.ImplicitVrLittleEndian);
        return file[DicomReader.ReadPartTenHeader(file, true).DatasetOffset..];
    }

    /// <summary>What a DCMTK tool sends to our SCP in one session, recorded from the socket; null without DCMTK.</summary>
    private static byte[]? Record(string tool, string[] arguments, byte[] dataSet)
    {
        var file = Path.Combine(Path.GetTempPath(), $"headct-seed-{Guid.NewGuid():N}.dcm");
        var listener = new TcpListener(IPAddress.Loopback, 0);
        try
        {
            var header = DicomWriter.PartTenHeader(SopClasses.CtImageStorage, "1.2.3.4.5.6", TransferSyntaxes.Default);
            File.WriteAllBytes(file, [.. header, .. dataSet]);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var start = new ProcessStartInfo(tool) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in arguments.Concat(["-aet", "SEEDSCU", "-aec", "FUZZ_SCP", "127.0.0.1", port.ToString()]).Concat(tool == "storescu" ? [file] : []))
                start.ArgumentList.Add(argument);
            using var process = Process.Start(start);
            if (process is null)
                return null;
            using var socket = listener.AcceptSocket();
            using var stream = new NetworkStream(socket);
            var recording = new RecordingStream(stream);
            var acceptor = new AssociationAcceptor(new AcceptorSettings { AeTitle = "FUZZ_SCP" }, new RecordingHandler());
            acceptor.RunAsync(DuplexPipe.Over(recording), null, CancellationToken.None).Wait(TimeSpan.FromSeconds(30));
            process.WaitForExit(10_000);
            return recording.Received.ToArray();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // the tool is not installed
        }
        finally
        {
            listener.Stop();
            File.Delete(file);
        }
    }

    private sealed class RecordingHandler : IStorageScpHandler
    {
        public AssociationRejection? Admit(AssociationInfo request) => null;

        public async Task<StoreOutcome> StoreAsync(StoreRequest request, Stream dataSet, CancellationToken cancellationToken)
        {
            await dataSet.CopyToAsync(Stream.Null, cancellationToken);
            return StoreOutcome.Stored;
        }

        public Task AssociationEndedAsync(AssociationSummary summary) => Task.CompletedTask;
    }

    /// <summary>Passes a socket stream through, keeping a copy of every byte read from it.</summary>
    private sealed class RecordingStream(Stream inner) : Stream
    {
        public MemoryStream Received { get; } = new();

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            Received.Write(buffer, offset, read);
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            Received.Write(buffer.Span[..read]);
            return read;
        }

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);
        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
