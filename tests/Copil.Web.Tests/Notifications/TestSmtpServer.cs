using System.Buffers;
using System.Net;
using System.Net.Sockets;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Storage;

namespace Copil.Web.Tests.Notifications;

/// <summary>A real SMTP server in the test process, on loopback only, that can be stopped and started again.</summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private CancellationTokenSource? _cts;
    private Task? _running;

    public int Port { get; } = FreePort();

    /// <summary>The raw messages received, in order.</summary>
    public List<string> Received { get; } = [];

    /// <summary>Recipients refused for good (550).</summary>
    public HashSet<string> Refused { get; } = new(StringComparer.OrdinalIgnoreCase);

    public void Start()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(builder => builder.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
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
        public override Task<SmtpServer.Protocol.SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            lock (server.Received)
            {
                server.Received.Add(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            }

            return Task.FromResult(SmtpServer.Protocol.SmtpResponse.Ok);
        }
    }

    private sealed class Filter(TestSmtpServer server) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!server.Refused.Contains(to.AsAddress()));
    }
}
