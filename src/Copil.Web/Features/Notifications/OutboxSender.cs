using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Copil.Web.Data;
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

    public string PickupFolder { get; set; } = "data/mail";

    /// <summary>The address people use to reach Copil, for the links in e-mails and calendar feeds.</summary>
    public string PublicUrl { get; set; } = "http://localhost:5050";

    /// <summary>How long to wait for the SMTP server at each step before giving up and retrying later.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Whether the background sender runs in this instance (tests drive it by hand).</summary>
    public bool SenderEnabled { get; set; } = true;

    public int SenderIntervalSeconds { get; set; } = 10;
}

/// <summary>
/// Delivers the outbox. Each message is claimed with a lease by a single UPDATE (so two instances on one PostgreSQL
/// never take the same one), sent, then marked sent; a transient failure is retried with backoff, a permanent refusal
/// is marked and kept for the secretariat. A message whose sender died keeps its lease until it expires, then is
/// taken again: the only window for a duplicate is a crash between the server's acceptance and the "sent" mark, and
/// the Message-Id derived from the idempotency key lets the receiving server discard it.
/// </summary>
public sealed class OutboxSender(CopilDbContext db, Microsoft.Extensions.Options.IOptions<MailOptions> options, TimeProvider clock, IHostEnvironment environment, Microsoft.AspNetCore.DataProtection.IDataProtectionProvider protection, ILogger<OutboxSender> logger)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    public async Task<int> SendDueAsync(int batchSize = 20, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var candidates = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => (m.Status == OutboxStatus.Pending && m.NextAttemptAtUtc <= now) || (m.Status == OutboxStatus.Sending && m.LeaseUntilUtc < now))
            .OrderBy(m => m.CreatedAtUtc).Select(m => m.Id).Take(batchSize).ToListAsync(ct);
        var sent = 0;
        foreach (var id in candidates)
        {
            var leaseUntil = now + Lease;
            var claimed = await db.Set<OutboxMessage>()
                .Where(m => m.Id == id && ((m.Status == OutboxStatus.Pending && m.NextAttemptAtUtc <= now) || (m.Status == OutboxStatus.Sending && m.LeaseUntilUtc < now)))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Sending).SetProperty(m => m.LeaseOwner, _owner).SetProperty(m => m.LeaseUntilUtc, leaseUntil), ct);
            if (claimed != 1)
            {
                continue;
            }

            var message = await db.Set<OutboxMessage>().AsNoTracking().FirstAsync(m => m.Id == id, ct);
            try
            {
                await DeliverAsync(message, ct);
                // The sealed text is wiped with the "sent" mark: from now on its secrets live only in the mailbox.
                await db.Set<OutboxMessage>().Where(m => m.Id == id && m.LeaseOwner == _owner)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Sent).SetProperty(m => m.SentAtUtc, clock.GetUtcNow().UtcDateTime).SetProperty(m => m.SealedBody, (string?)null)
                        .SetProperty(m => m.Attempts, m => m.Attempts + 1).SetProperty(m => m.LeaseOwner, (string?)null).SetProperty(m => m.LeaseUntilUtc, (DateTime?)null), ct);
                sent++;
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                // The keys that sealed it are gone (e.g. a database restored without them): its links cannot be sent.
                logger.LogWarning("E-mail {Key} cannot be unsealed: its data-protection key is missing", message.IdempotencyKey);
                await MarkAsync(id, OutboxStatus.Refused, message.Attempts + 1, now, "Le contenu protégé de ce message ne peut plus être déchiffré (clé de chiffrement absente) : il n'est pas envoyé. Pour une consultation écrite, les membres votent depuis Copil.", ct);
            }
            catch (ParseException ex)
            {
                // A malformed address will never become deliverable by waiting: refused, for the secretariat to correct.
                logger.LogWarning("E-mail {Key} has a malformed address: {Error}", message.IdempotencyKey, ex.Message);
                await MarkAsync(id, OutboxStatus.Refused, message.Attempts + 1, now, $"Adresse électronique invalide : {message.ToAddress}", ct);
            }
            catch (Exception ex) when (ex is SmtpCommandException { StatusCode: var code } && (int)code >= 500 && ex is SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted })
            {
                logger.LogWarning("E-mail {Key} refused for good: {Error}", message.IdempotencyKey, ex.Message);
                await MarkAsync(id, OutboxStatus.Refused, message.Attempts + 1, now, ex.Message, ct);
            }
            catch (Exception ex) when (ex is SmtpCommandException or SmtpProtocolException or SocketException or IOException or ServiceNotConnectedException or TimeoutException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                var attempts = message.Attempts + 1;
                var delay = TimeSpan.FromSeconds(Math.Min(30 * Math.Pow(2, attempts - 1), 3600));
                logger.LogWarning("E-mail {Key} not sent (attempt {Attempts}), retry in {Delay}: {Error}", message.IdempotencyKey, attempts, delay, ex.Message);
                await MarkAsync(id, OutboxStatus.Pending, attempts, now + delay, ex.Message, ct);
            }
        }

        return sent;
    }

    private Task<int> MarkAsync(Guid id, OutboxStatus status, int attempts, DateTime nextAttempt, string error, CancellationToken ct) =>
        db.Set<OutboxMessage>().Where(m => m.Id == id && m.LeaseOwner == _owner)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, status).SetProperty(m => m.Attempts, attempts).SetProperty(m => m.NextAttemptAtUtc, nextAttempt)
                .SetProperty(m => m.LastError, error.Length > 500 ? error[..500] : error).SetProperty(m => m.LeaseOwner, (string?)null).SetProperty(m => m.LeaseUntilUtc, (DateTime?)null), ct);

    private async Task DeliverAsync(OutboxMessage message, CancellationToken ct)
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
        mime.MessageId = $"{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(message.IdempotencyKey)))[..32].ToLowerInvariant()}@copil";

        if (string.IsNullOrWhiteSpace(settings.Host))
        {
            var folder = Path.IsPathRooted(settings.PickupFolder) ? settings.PickupFolder : Path.Combine(environment.ContentRootPath, settings.PickupFolder);
            Directory.CreateDirectory(folder);
            await mime.WriteToAsync(Path.Combine(folder, $"{message.Id:N}.eml"), ct);
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
        await client.DisconnectAsync(true, ct);
    }
}

/// <summary>Runs the sender every few seconds; survives restarts since the queue is in the database.</summary>
public sealed class OutboxWorker(IServiceScopeFactory scopes, Microsoft.Extensions.Options.IOptions<MailOptions> options, IHostEnvironment environment, ILogger<OutboxWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SenderEnabled)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(options.Value.Host) && environment.IsProduction())
        {
            logger.LogWarning("Mail:Host is not set: e-mails are written to {Folder} instead of being sent.", options.Value.PickupFolder);
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
