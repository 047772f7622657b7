using System.Buffers;
using System.Net;
using System.Net.Sockets;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Storage;

namespace Copil.Web.Tests.Notifications;

public enum Misbehaviour
{
    /// <summary>Accepts the connection and never answers (a hung or very slow server).</summary>
    Silent,

    /// <summary>Answers until the message text starts, then drops the connection.</summary>
    DropDuringData,

    /// <summary>Accepts the message (250), then never answers the goodbye (QUIT).</summary>
    HangAfterAccept,
}

/// <summary>
/// A real SMTP server in the test process, on loopback only, that can be stopped and started again; optionally one
/// that requires a login, or one that speaks TLS from the first byte with the given certificate.
/// </summary>
public sealed class TestSmtpServer(string? user = null, string? password = null, System.Security.Cryptography.X509Certificates.X509Certificate2? certificate = null) : IAsyncDisposable
{
    private CancellationTokenSource? _cts;
    private Task? _running;

    public int Port { get; } = FreePort();

    /// <summary>The raw messages received, in order.</summary>
    public List<string> Received { get; } = [];

    /// <summary>Recipients refused for good (550).</summary>
    public HashSet<string> Refused { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Called when the server is asked to deliver to a recipient, before it answers (to act in the middle of a send).</summary>
    public Func<string, Task>? OnRecipient { get; set; }

    /// <summary>Called once a message is stored, before the server answers 250 (to stop a sender at that very point).</summary>
    public Func<Task>? OnAccepted { get; set; }

    /// <summary>
    /// Listens on the same port as a broken server: one that accepts connections and never says a word, or one that
    /// answers until the message text starts, then drops the connection.
    /// </summary>
    public void StartMisbehaving(Misbehaviour misbehaviour)
    {
        if (_cts is not null)
        {
            throw new InvalidOperationException("Stop the server before it misbehaves.");
        }

        _cts = new CancellationTokenSource();
        var token = _cts.Token;
        var listener = new TcpListener(IPAddress.Loopback, Port);
        // The real server has just let go of the port; its closed connections must not keep it from being reused.
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _running = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    var client = await listener.AcceptTcpClientAsync(token);
                    _ = Task.Run(() => MisbehaveAsync(client, misbehaviour, Received, token), token);
                }
            }
            finally
            {
                listener.Stop();
            }
        }, token);
    }

    private static async Task MisbehaveAsync(TcpClient client, Misbehaviour misbehaviour, List<string> received, CancellationToken ct)
    {
        using (client)
        {
            try
            {
                if (misbehaviour == Misbehaviour.Silent)
                {
                    await Task.Delay(Timeout.Infinite, ct);
                    return;
                }

                var stream = client.GetStream();
                using var reader = new StreamReader(stream, System.Text.Encoding.ASCII);
                using var writer = new StreamWriter(stream, System.Text.Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
                await writer.WriteLineAsync("220 localhost ESMTP");
                while (await reader.ReadLineAsync(ct) is { } line)
                {
                    var command = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
                    switch (command)
                    {
                        case "EHLO" or "HELO":
                            await writer.WriteLineAsync("250 localhost");
                            break;
                        case "DATA" when misbehaviour == Misbehaviour.HangAfterAccept:
                            await writer.WriteLineAsync("354 Start mail input; end with <CRLF>.<CRLF>");
                            var text = new System.Text.StringBuilder();
                            while (await reader.ReadLineAsync(ct) is { } data && data != ".")
                            {
                                text.AppendLine(data);
                            }

                            lock (received)
                            {
                                received.Add(text.ToString());
                            }

                            await writer.WriteLineAsync("250 OK queued");
                            break;
                        case "QUIT" when misbehaviour == Misbehaviour.HangAfterAccept:
                            await Task.Delay(Timeout.Infinite, ct);
                            return;
                        case "DATA":
                            await writer.WriteLineAsync("354 Start mail input; end with <CRLF>.<CRLF>");
                            await reader.ReadLineAsync(ct);
                            // The message has started: drop the connection without a word.
                            client.Client.Close(0);
                            return;
                        case "QUIT":
                            await writer.WriteLineAsync("221 Bye");
                            return;
                        default:
                            await writer.WriteLineAsync("250 OK");
                            break;
                    }
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
                // The connection ends, which is the point.
            }
        }
    }

    /// <summary>Starts the server; does nothing when it already runs (a second one could not be stopped).</summary>
    public void Start()
    {
        if (_cts is not null)
        {
            return;
        }

        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(builder =>
            {
                builder.Endpoint(new IPEndPoint(IPAddress.Loopback, Port));
                if (user is not null)
                {
                    builder.AllowUnsecureAuthentication(true).AuthenticationRequired(true);
                }

                if (certificate is not null)
                {
                    builder.IsSecure(true).Certificate(certificate);
                }
            })
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        if (user is not null)
        {
            services.Add(new Login(user, password ?? ""));
        }

        services.Add(new Store(this));
        services.Add(new Filter(this));
        _cts = new CancellationTokenSource();
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_cts.Token);
    }

    public async Task StopAsync()
    {
        if (_cts is null)
        {
            return;
        }

        await _cts.CancelAsync();
        try
        {
            await _running!;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping the server ends its listening loop this way.
        }

        _cts.Dispose();
        _cts = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private sealed class Store(TestSmtpServer server) : MessageStore
    {
        public override async Task<SmtpServer.Protocol.SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            lock (server.Received)
            {
                server.Received.Add(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            }

            if (server.OnAccepted is { } hook)
            {
                await hook();
            }

            return SmtpServer.Protocol.SmtpResponse.Ok;
        }
    }

    private sealed class Login(string user, string password) : SmtpServer.Authentication.IUserAuthenticator
    {
        public Task<bool> AuthenticateAsync(ISessionContext context, string user1, string password1, CancellationToken cancellationToken) =>
            Task.FromResult(user1 == user && password1 == password);
    }

    private sealed class Filter(TestSmtpServer server) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) => Task.FromResult(true);

        public async Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken)
        {
            if (server.OnRecipient is { } hook)
            {
                await hook(to.AsAddress());
            }

            return !server.Refused.Contains(to.AsAddress());
        }
    }
}
