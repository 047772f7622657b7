using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Copil.Web.Data;
using Copil.Web.Infrastructure;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Copil.Web.Features.Notifications;

/// <summary>Mail settings: an SMTP server, or, with no host (development), a folder of .eml files.</summary>
public sealed class MailOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>None, StartTls or SslOnConnect.</summary>
    public string Security { get; set; } = "StartTls";

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "copil@localhost";

    public string FromName { get; set; } = "Copil";

    /// <summary>Relative to the data folder (<c>Data:Folder</c>) unless rooted.</summary>
    public string PickupFolder { get; set; } = "mail";

    /// <summary>The address people use to reach Copil, for the links in e-mails and calendar feeds.</summary>
    public string PublicUrl { get; set; } = "http://localhost:5050";

    /// <summary>How long to wait for the SMTP server at each step before giving up and retrying later.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Whether the background sender runs in this instance (tests drive it by hand).</summary>
    public bool SenderEnabled { get; set; } = true;

    public int SenderIntervalSeconds { get; set; } = 10;

    /// <summary>How long a sender holds a message it is delivering before another may take it; 0: ten times <see cref="TimeoutSeconds"/>, a minute at least.</summary>
    public int LeaseSeconds { get; set; }
}

/// <summary>
/// Delivers the outbox, one message at a time. Each message is claimed with its own lease by a single UPDATE (so two
/// instances never take the same one); the lease outlasts a worst-case delivery and is renewed while the server is
/// slow; a sender that finds its lease taken stops at once. The "sent" mark is written as soon as the server has
/// accepted the message, before the goodbye. A failure is recorded with a French reason and retried with backoff, a
/// permanent refusal is kept for the secretariat. The only window for a duplicate left is a process killed after it sent
/// the end of the message and before it read the server's 250 (as long as the server takes to answer): the message is
/// then sent again after its lease, with the same Message-Id, which lets mail systems show it once.
/// </summary>
public sealed class OutboxSender(CopilDbContext db, Microsoft.Extensions.Options.IOptions<MailOptions> options, TimeProvider clock, IConfiguration configuration, IHostEnvironment environment, Microsoft.AspNetCore.DataProtection.IDataProtectionProvider protection, ILogger<OutboxSender> logger)
{
    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>How long a claim holds: <c>Mail:LeaseSeconds</c>, by default ten times the per-step timeout (a whole SMTP dialogue), a minute at least.</summary>
    private TimeSpan Lease => TimeSpan.FromSeconds(options.Value.LeaseSeconds > 0 ? options.Value.LeaseSeconds : Math.Max(60, 10 * options.Value.TimeoutSeconds));

    private static System.Linq.Expressions.Expression<Func<OutboxMessage, bool>> Due(DateTime now) =>
        m => (m.Status == OutboxStatus.Pending && m.NextAttemptAtUtc <= now) || (m.Status == OutboxStatus.Sending && m.LeaseUntilUtc < now);

    public async Task<int> SendDueAsync(int batchSize = 20, CancellationToken ct = default)
    {
        var candidates = await db.Set<OutboxMessage>().AsNoTracking().Where(Due(clock.GetUtcNow().UtcDateTime))
            .OrderBy(m => m.CreatedAtUtc).Select(m => m.Id).Take(batchSize).ToListAsync(ct);
        var sent = 0;
        foreach (var id in candidates)
        {
            ct.ThrowIfCancellationRequested();
            // The lease starts when this message is taken, not when the batch started.
            var now = clock.GetUtcNow().UtcDateTime;
            var claimed = await db.Set<OutboxMessage>().Where(m => m.Id == id).Where(Due(now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Sending).SetProperty(m => m.LeaseOwner, _owner).SetProperty(m => m.LeaseUntilUtc, now + Lease), ct);
            if (claimed == 1 && await SendOneAsync(id, ct))
            {
                sent++;
            }
        }

        return sent;
    }

    private async Task<bool> SendOneAsync(Guid id, CancellationToken ct)
    {
        var message = await db.Set<OutboxMessage>().AsNoTracking().FirstAsync(m => m.Id == id, ct);
        var accepted = false;
        await using var lease = new LeaseKeeper(Lease / 3, renewal => RenewAsync(id, renewal), logger, ct);
        try
        {
            var mime = Compose(message);
            await DeliverAsync(mime, () => accepted = true, lease.Token);
            return true;
        }
        catch (Exception) when (lease.Lost && !accepted)
        {
            logger.LogWarning("E-mail {Key}: another sender took its lease; this one stops without sending", message.IdempotencyKey);
            return false;
        }
        catch (Exception) when (ct.IsCancellationRequested && !accepted)
        {
            // The process is stopping: the lease expires and another sender takes the message.
            throw;
        }
        catch (Exception ex) when (!accepted)
        {
            var (permanent, reason) = DeliveryFailure.Describe(ex, options.Value, message.ToAddress);
            var attempts = message.Attempts + 1;
            var delay = TimeSpan.FromSeconds(Math.Min(30 * Math.Pow(2, attempts - 1), 3600));
            await lease.StopAsync();
            if (permanent)
            {
                logger.LogWarning("E-mail {Key} refused for good: {Reason}", message.IdempotencyKey, reason);
                await MarkAsync(id, OutboxStatus.Refused, attempts, clock.GetUtcNow().UtcDateTime, reason);
            }
            else
            {
                logger.LogWarning(ex is SmtpCommandException or SocketException or TimeoutException ? null : ex,
                    "E-mail {Key} not sent (attempt {Attempts}), retry in {Delay}: {Reason}", message.IdempotencyKey, attempts, delay, reason);
                await MarkAsync(id, OutboxStatus.Pending, attempts, clock.GetUtcNow().UtcDateTime + delay, reason);
            }

            return false;
        }
        finally
        {
            await lease.StopAsync();
            if (accepted)
            {
                await MarkSentAsync(message);
            }
        }
    }

    /// <summary>
    /// The server has the message: that is a fact, whoever holds the lease now, so the mark does not depend on it; it
    /// is written even when the process is stopping (no cancellation).
    /// </summary>
    private async Task MarkSentAsync(OutboxMessage message)
    {
        // The sealed text is wiped with the "sent" mark: from now on its secrets live only in the mailbox.
        var marked = await db.Set<OutboxMessage>().Where(m => m.Id == message.Id && m.Status != OutboxStatus.Sent)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Sent).SetProperty(m => m.SentAtUtc, clock.GetUtcNow().UtcDateTime).SetProperty(m => m.SealedBody, (string?)null)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1).SetProperty(m => m.LeaseOwner, (string?)null).SetProperty(m => m.LeaseUntilUtc, (DateTime?)null), CancellationToken.None);
        if (marked == 0)
        {
            logger.LogWarning("E-mail {Key} was accepted by the server but was already marked sent by another sender: it may have arrived twice", message.IdempotencyKey);
        }
    }

    private Task<int> RenewAsync(Guid id, CancellationToken ct)
    {
        var until = clock.GetUtcNow().UtcDateTime + Lease;
        return db.Set<OutboxMessage>().Where(m => m.Id == id && m.LeaseOwner == _owner && m.Status == OutboxStatus.Sending)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseUntilUtc, until), ct);
    }

    private Task<int> MarkAsync(Guid id, OutboxStatus status, int attempts, DateTime nextAttempt, string error) =>
        db.Set<OutboxMessage>().Where(m => m.Id == id && m.LeaseOwner == _owner)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, status).SetProperty(m => m.Attempts, attempts).SetProperty(m => m.NextAttemptAtUtc, nextAttempt)
                .SetProperty(m => m.LastError, error.Length > 500 ? error[..500] : error).SetProperty(m => m.LeaseOwner, (string?)null).SetProperty(m => m.LeaseUntilUtc, (DateTime?)null), CancellationToken.None);

    private MimeMessage Compose(OutboxMessage message)
    {
        var settings = options.Value;
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(settings.FromName, settings.From));
        mime.To.Add(new MailboxAddress(message.ToName, message.ToAddress));
        mime.Subject = message.Subject;
        var body = message.SealedBody is { } sealedBody ? Microsoft.AspNetCore.DataProtection.DataProtectionCommonExtensions.Unprotect(Outbox.Sealer(protection), sealedBody) : message.TextBody;
        var text = new TextPart("plain") { Text = body };
        if (message.AttachmentName is { } name && message.AttachmentContent is { } content)
        {
            var calendar = new TextPart("calendar") { Text = content, FileName = name, ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) };
            calendar.ContentType.Parameters.Add("method", "PUBLISH");
            mime.Body = new Multipart("mixed") { text, calendar };
        }
        else
        {
            mime.Body = text;
        }

        // The same key always gives the same Message-Id, so that a receiving server can discard a duplicate.
        mime.MessageId = MessageIdOf(message.IdempotencyKey);
        return mime;
    }

    /// <summary>The Message-Id of every attempt to send one message.</summary>
    public static string MessageIdOf(string idempotencyKey) =>
        $"{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..32].ToLowerInvariant()}@copil";

    private async Task DeliverAsync(MimeMessage mime, Action accepted, CancellationToken ct)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.Host))
        {
            var folder = AppPaths.InData(configuration, environment, settings.PickupFolder);
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, $"{mime.MessageId!.Split('@')[0]}.eml");
            // Written aside then renamed: a crash never leaves half a message in the folder.
            await mime.WriteToAsync(file + ".tmp", ct);
            File.Move(file + ".tmp", file, overwrite: true);
            accepted();
            return;
        }

        using var client = new SmtpClient { Timeout = settings.TimeoutSeconds * 1000 };
        var security = settings.Security switch
        {
            "None" => SecureSocketOptions.None,
            "SslOnConnect" => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTls,
        };
        await client.ConnectAsync(settings.Host, settings.Port, security, ct);
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", ct);
        }

        await client.SendAsync(mime, ct);
        // Accepted (250): marked sent now, not after the goodbye, which may never come back.
        accepted();
        try
        {
            using var quit = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.DisconnectAsync(true, quit.Token);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogDebug(ex, "The SMTP server did not answer QUIT after accepting the message");
        }
    }

    /// <summary>
    /// Renews the lease of the message being sent every third of its length, on a real timer; when a renewal finds the
    /// lease taken (or cannot be written), it cancels the delivery: a sender never keeps sending what it no longer owns.
    /// </summary>
    private sealed class LeaseKeeper : IAsyncDisposable
    {
        private readonly CancellationTokenSource _delivery;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _renewing;

        public LeaseKeeper(TimeSpan period, Func<CancellationToken, Task<int>> renew, ILogger logger, CancellationToken ct)
        {
            _delivery = CancellationTokenSource.CreateLinkedTokenSource(ct);
            _renewing = RenewAsync(period, renew, logger);
        }

        public CancellationToken Token => _delivery.Token;

        public bool Lost { get; private set; }

        private async Task RenewAsync(TimeSpan period, Func<CancellationToken, Task<int>> renew, ILogger logger)
        {
            try
            {
                while (true)
                {
                    await Task.Delay(period, _stop.Token);
                    int renewed;
                    try
                    {
                        renewed = await renew(_stop.Token);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        logger.LogWarning(ex, "The lease of an e-mail could not be renewed: its delivery stops");
                        renewed = 0;
                    }

                    if (renewed == 0)
                    {
                        Lost = true;
                        await _delivery.CancelAsync();
                        return;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Delivery over.
            }
        }

        /// <summary>Stops renewing before the caller touches the database again (one context, one user at a time).</summary>
        public async Task StopAsync()
        {
            if (!_stop.IsCancellationRequested)
            {
                await _stop.CancelAsync();
            }

            await _renewing;
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync();
            _stop.Dispose();
            _delivery.Dispose();
        }
    }
}

/// <summary>Why a delivery failed, in French, for the outbox page; and whether waiting can ever make it succeed.</summary>
public static class DeliveryFailure
{
    public static (bool Permanent, string Reason) Describe(Exception exception, MailOptions settings, string recipient = "")
    {
        var server = $"{settings.Host}:{settings.Port}";
        return exception switch
        {
            System.Security.Cryptography.CryptographicException =>
                (true, "Le contenu protégé de ce message ne peut plus être déchiffré (clé de chiffrement absente) : il n'est pas envoyé. Pour une consultation écrite, les membres votent depuis Copil."),
            ParseException => (true, $"Adresse électronique invalide : {recipient}"),
            SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted, StatusCode: var code } command when (int)code >= 500 =>
                (true, $"Refusé définitivement par le serveur de messagerie ({(int)code}) : {command.Message}"),
            SmtpCommandException { StatusCode: var code } command =>
                (false, $"Le serveur de messagerie a répondu {(int)code} : {command.Message}"),
            SslHandshakeException =>
                (false, $"Échec de la connexion chiffrée (TLS) avec le serveur de messagerie {server} : certificat non reconnu, expiré ou au mauvais nom, ou protocole incompatible. Vérifiez Mail:Security et le certificat du serveur."),
            NotSupportedException unsupported when unsupported.Message.Contains("STARTTLS", StringComparison.OrdinalIgnoreCase) =>
                (false, $"Le serveur de messagerie {server} ne propose pas STARTTLS alors que Mail:Security vaut StartTls : rien n'est envoyé en clair. Corrigez le serveur ou Mail:Security."),
            NotSupportedException unsupported when unsupported.Message.Contains("authentication", StringComparison.OrdinalIgnoreCase) =>
                (false, $"Le serveur de messagerie {server} ne propose pas d'authentification alors que Mail:UserName est renseigné."),
            AuthenticationException =>
                (false, $"Le serveur de messagerie {server} a refusé l'identification : vérifiez Mail:UserName et Mail:Password."),
            SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData } =>
                (false, $"Serveur de messagerie introuvable : le nom « {settings.Host} » ne se résout pas (DNS). Vérifiez Mail:Host."),
            SocketException { SocketErrorCode: SocketError.ConnectionRefused } =>
                (false, $"Le serveur de messagerie {server} refuse la connexion : service arrêté ou mauvais port (Mail:Port)."),
            SocketException socket =>
                (false, $"Connexion impossible au serveur de messagerie {server} ({socket.SocketErrorCode})."),
            TimeoutException or OperationCanceledException =>
                (false, $"Le serveur de messagerie {server} n'a pas répondu dans les {settings.TimeoutSeconds} secondes."),
            SmtpProtocolException or ServiceNotConnectedException or IOException when string.IsNullOrWhiteSpace(settings.Host) =>
                (false, $"Le courriel n'a pas pu être écrit dans le dossier de dépôt : {exception.Message}"),
            SmtpProtocolException or ServiceNotConnectedException or IOException =>
                (false, $"La connexion au serveur de messagerie {server} a été interrompue pendant l'envoi."),
            _ => (false, $"Erreur inattendue pendant l'envoi ({exception.GetType().Name}) : {exception.Message}"),
        };
    }
}

/// <summary>Runs the sender every few seconds; survives restarts since the queue is in the database.</summary>
public sealed class OutboxWorker(IServiceScopeFactory scopes, Microsoft.Extensions.Options.IOptions<MailOptions> options, IConfiguration configuration, IHostEnvironment environment, ILogger<OutboxWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SenderEnabled)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(options.Value.Host) && environment.IsProduction())
        {
            logger.LogWarning("Mail:Host is not set: e-mails are written to {Folder} instead of being sent.", AppPaths.InData(configuration, environment, options.Value.PickupFolder));
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var scope = scopes.CreateScope();
                await scope.ServiceProvider.GetRequiredService<OutboxSender>().SendDueAsync(ct: stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database may be down: try again at the next tick, nothing is lost.
                logger.LogError(ex, "Outbox sender failed; retrying later.");
            }

            await Task.Delay(TimeSpan.FromSeconds(options.Value.SenderIntervalSeconds), stoppingToken);
        }
    }
}
