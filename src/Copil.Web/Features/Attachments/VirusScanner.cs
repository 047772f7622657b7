using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using Copil.Domain.Common;
using Microsoft.Extensions.Options;

namespace Copil.Web.Features.Attachments;

/// <summary>Where the ClamAV daemon listens (<c>Antivirus:Clamd</c>): <c>tcp://host:port</c> or <c>unix:/path/to/clamd.ctl</c>; empty, no scan.</summary>
public sealed class AntivirusOptions
{
    public string? Clamd { get; set; }

    public int TimeoutSeconds { get; set; } = 30;
}

/// <summary>
/// Every uploaded file through ClamAV's daemon (INSTREAM) when one is configured. Fails closed: a daemon that does not
/// answer refuses the file (with a message saying to try again), it never lets it through unscanned.
/// </summary>
public sealed class VirusScanner(IOptions<AntivirusOptions> options, ILogger<VirusScanner> logger)
{
    public bool Enabled => !string.IsNullOrWhiteSpace(options.Value.Clamd);

    /// <summary>Null when the file is clean (or no scanner is configured); otherwise why it is refused.</summary>
    public async Task<DomainError?> RefusalAsync(byte[] content, CancellationToken ct)
    {
        if (!Enabled)
        {
            return null;
        }

        string reply;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, options.Value.TimeoutSeconds)));
            reply = await ScanAsync(content, timeout.Token);
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            logger.LogError(ex, "Antivirus unreachable at {Clamd}: upload refused", options.Value.Clamd);
            return new DomainError("file.antivirus-unavailable", "L'analyse antivirus est momentanément indisponible : le fichier n'est pas enregistré. Réessayez dans quelques minutes.", "File");
        }

        if (reply.EndsWith("FOUND", StringComparison.Ordinal))
        {
            var signature = reply["stream:".Length..^"FOUND".Length].Trim();
            logger.LogWarning("Upload refused by the antivirus: {Signature}", signature);
            return new DomainError("file.virus", $"Ce fichier contient un virus ou un code malveillant ({signature}) : il n'est pas enregistré.", "File");
        }

        if (!reply.EndsWith("OK", StringComparison.Ordinal))
        {
            logger.LogError("Antivirus answered {Reply}: upload refused", reply);
            return new DomainError("file.antivirus-error", "L'analyse antivirus n'a pas pu examiner ce fichier : il n'est pas enregistré.", "File");
        }

        return null;
    }

    private async Task<string> ScanAsync(byte[] content, CancellationToken ct)
    {
        var target = options.Value.Clamd!.Trim();
        using var socket = target.StartsWith("unix:", StringComparison.Ordinal)
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(SocketType.Stream, ProtocolType.Tcp);
        if (target.StartsWith("unix:", StringComparison.Ordinal))
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(target["unix:".Length..]), ct);
        }
        else
        {
            var uri = new Uri(target);
            await socket.ConnectAsync(uri.Host, uri.Port, ct);
        }

        await using var stream = new NetworkStream(socket, ownsSocket: false);
        await stream.WriteAsync("zINSTREAM\0"u8.ToArray(), ct);
        var length = new byte[4];
        for (var offset = 0; offset < content.Length; offset += 64 * 1024)
        {
            var chunk = Math.Min(64 * 1024, content.Length - offset);
            BinaryPrimitives.WriteInt32BigEndian(length, chunk);
            await stream.WriteAsync(length, ct);
            await stream.WriteAsync(content.AsMemory(offset, chunk), ct);
        }

        BinaryPrimitives.WriteInt32BigEndian(length, 0);
        await stream.WriteAsync(length, ct);
        using var reply = new MemoryStream();
        var buffer = new byte[256];
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0)
        {
            var zero = Array.IndexOf(buffer, (byte)0, 0, read);
            reply.Write(buffer, 0, zero >= 0 ? zero : read);
            if (zero >= 0)
            {
                break;
            }
        }

        return Encoding.UTF8.GetString(reply.ToArray()).Trim();
    }
}

/// <summary>What every upload goes through: what the file is (<see cref="FileInspector"/>), then the antivirus.</summary>
public sealed class UploadCheck(VirusScanner scanner)
{
    public async Task<Result<(string ContentType, string Extension)>> InspectAsync(byte[] content, string declaredName, CancellationToken ct)
    {
        var inspected = FileInspector.Inspect(content, declaredName);
        if (inspected.IsFailure)
        {
            return inspected;
        }

        return await scanner.RefusalAsync(content, ct) is { } refusal ? refusal : inspected;
    }
}
