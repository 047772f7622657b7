using Copil.Web.Features.Notifications;
using Copil.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Copil.Web.Tests.Notifications;

/// <summary>The outbox against a server that hangs, drops the connection mid-message, or a sender stopped mid-batch.</summary>
public abstract class DeliveryFaultTests(MailFactory factory)
{
    /// <summary>Queues e-mails as the app does (in a unit of work), each to its own address, and returns their keys.</summary>
    private async Task<List<string>> QueueAsync(int count, string label)
    {
        // Start from an empty queue: e-mails left by other tests of the collection would take the sender's turns.
        await factory.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.Status == OutboxStatus.Pending || m.Status == OutboxStatus.Sending)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, OutboxStatus.Sent)));
        var run = Guid.NewGuid().ToString("N")[..8];
        var keys = Enumerable.Range(1, count).Select(i => $"test:{run}:{i}").ToList();
        await factory.WithScopeAsync(async sp =>
        {
            var outbox = sp.GetRequiredService<Outbox>();
            foreach (var (key, i) in keys.Select((k, i) => (k, i + 1)))
            {
                await outbox.EnqueueAsync(key, null, $"{label}-{i}-{run}@exemple.fr", $"Personne {i}", $"Essai {label} {i}", $"Message {i} ({run})");
            }

            return await sp.GetRequiredService<Copil.Web.Data.CopilDbContext>().SaveChangesAsync();
        });
        return keys;
    }

    private Task<List<OutboxMessage>> MessagesAsync(List<string> keys) =>
        factory.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => keys.Contains(m.IdempotencyKey)).OrderBy(m => m.IdempotencyKey).ToListAsync());

    /// <summary>How many times the server accepted a message to each address.</summary>
    private List<int> Deliveries(List<OutboxMessage> messages) =>
        [.. messages.Select(m => factory.Smtp.Received.Count(r => r.Contains($"<{m.ToAddress}>", StringComparison.Ordinal)))];

    private async Task DrainAsync()
    {
        factory.Clock.Advance(TimeSpan.FromHours(2));
        await factory.SendAsync();
    }

    [Fact]
    public async Task A_server_that_never_answers_is_given_up_on_and_the_e_mail_sent_later_once()
    {
        await factory.Smtp.StopAsync();
        var keys = await QueueAsync(1, "lent");
        factory.Smtp.StartMisbehaving(Misbehaviour.Silent);
        try
        {
            Assert.Equal(0, await factory.SendAsync());
        }
        finally
        {
            await factory.Smtp.StopAsync();
        }

        var waiting = Assert.Single(await MessagesAsync(keys));
        Assert.Equal((OutboxStatus.Pending, 1), (waiting.Status, waiting.Attempts));
        Assert.False(string.IsNullOrEmpty(waiting.LastError));

        factory.Smtp.Start();
        try
        {
            await DrainAsync();
            var messages = await MessagesAsync(keys);
            Assert.Equal([1], Deliveries(messages));
            Assert.Equal(OutboxStatus.Sent, messages[0].Status);
        }
        finally
        {
            await factory.Smtp.StopAsync();
        }
    }

    [Fact]
    public async Task A_connection_dropped_in_the_middle_of_a_message_loses_and_duplicates_nothing()
    {
        await factory.Smtp.StopAsync();
        var keys = await QueueAsync(3, "coupe");
        factory.Smtp.StartMisbehaving(Misbehaviour.DropDuringData);
        try
        {
            Assert.Equal(0, await factory.SendAsync());
        }
        finally
        {
            await factory.Smtp.StopAsync();
        }

        Assert.All(await MessagesAsync(keys), m => Assert.Equal((OutboxStatus.Pending, 1), (m.Status, m.Attempts)));

        factory.Smtp.Start();
        try
        {
            await DrainAsync();
            await DrainAsync();
            var messages = await MessagesAsync(keys);
            Assert.Equal([1, 1, 1], Deliveries(messages));
            Assert.All(messages, m => Assert.Equal(OutboxStatus.Sent, m.Status));
        }
        finally
        {
            await factory.Smtp.StopAsync();
        }
    }

    [Fact]
    public async Task A_sender_stopped_in_the_middle_of_a_batch_loses_and_duplicates_nothing()
    {
        await factory.Smtp.StopAsync();
        var keys = await QueueAsync(5, "arret");
        using var kill = new CancellationTokenSource();
        var seen = 0;
        factory.Smtp.OnRecipient = async to =>
        {
            if (Interlocked.Increment(ref seen) == 3)
            {
                // The process dies while the third e-mail is on the wire, before the server has accepted it.
                await kill.CancelAsync();
                await Task.Delay(300);
            }
        };
        factory.Smtp.Start();
        try
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => factory.WithScopeAsync(sp => sp.GetRequiredService<OutboxSender>().SendDueAsync(ct: kill.Token)));

            var afterCrash = await MessagesAsync(keys);
            Assert.Equal([2, 1, 2], new[] { OutboxStatus.Sent, OutboxStatus.Sending, OutboxStatus.Pending }.Select(status => afterCrash.Count(m => m.Status == status)));
            var interrupted = afterCrash.Single(m => m.Status == OutboxStatus.Sending).Id;

            // A new sender takes what is left; the e-mail of the dead one waits for its lease to expire.
            await factory.SendAsync();
            Assert.Equal(OutboxStatus.Sending, (await MessagesAsync(keys)).Single(m => m.Id == interrupted).Status);
            factory.Clock.Advance(TimeSpan.FromMinutes(3));
            await factory.SendAsync();

            var messages = await MessagesAsync(keys);
            Assert.All(messages, m => Assert.Equal(OutboxStatus.Sent, m.Status));
            Assert.Equal([1, 1, 1, 1, 1], Deliveries(messages));
        }
        finally
        {
            factory.Smtp.OnRecipient = null;
            await factory.Smtp.StopAsync();
        }
    }

    [Fact]
    public async Task A_malformed_address_is_refused_at_once_and_the_others_still_go()
    {
        var keys = await QueueAsync(2, "adresse");
        await factory.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.IdempotencyKey == keys[0])
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.ToAddress, "jean.dupont@@exemple")));
        factory.Smtp.Start();
        try
        {
            await factory.SendAsync();
            await DrainAsync();

            var messages = await MessagesAsync(keys);
            Assert.Equal((OutboxStatus.Refused, 1), (messages[0].Status, messages[0].Attempts));
            Assert.Equal("Adresse électronique invalide : jean.dupont@@exemple", messages[0].LastError);
            Assert.Equal(OutboxStatus.Sent, messages[1].Status);
        }
        finally
        {
            await factory.Smtp.StopAsync();
        }
    }

    [Fact]
    public async Task Three_senders_at_once_deliver_each_e_mail_once()
    {
        await factory.Smtp.StopAsync();
        var keys = await QueueAsync(12, "ensemble");
        factory.Smtp.Start();
        try
        {
            await Task.WhenAll(factory.SendAsync(), factory.SendAsync(), factory.SendAsync());

            var messages = await MessagesAsync(keys);
            Assert.All(messages, m => Assert.Equal(OutboxStatus.Sent, m.Status));
            Assert.Equal(Enumerable.Repeat(1, 12), Deliveries(messages));
        }
        finally
        {
            await factory.Smtp.StopAsync();
        }
    }

    /// <summary>Runs one sender with other mail settings than the app's (a misconfiguration), in a scope of the app.</summary>
    private async Task<int> SendWithAsync(Action<MailOptions> change)
    {
        using var scope = factory.Services.CreateScope();
        var app = scope.ServiceProvider.GetRequiredService<IOptions<MailOptions>>().Value;
        var settings = new MailOptions
        {
            Host = app.Host,
            Port = app.Port,
            Security = app.Security,
            From = app.From,
            TimeoutSeconds = app.TimeoutSeconds,
            LeaseSeconds = app.LeaseSeconds,
            PickupFolder = app.PickupFolder,
        };
        change(settings);
        return await ActivatorUtilities.CreateInstance<OutboxSender>(scope.ServiceProvider, Options.Create(settings)).SendDueAsync();
    }

    private static System.Security.Cryptography.X509Certificates.X509Certificate2 SelfSignedCertificate()
    {
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=localhost", key, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(TimeProvider.System.GetUtcNow().AddDays(-1), TimeProvider.System.GetUtcNow().AddDays(1));
        return System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12(certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx), null);
    }

    [Fact]
    public async Task Each_misconfiguration_is_recorded_with_its_French_reason_shown_on_the_outbox_page_and_retried_later()
    {
        await factory.Smtp.StopAsync();
        await using var unused = new TestSmtpServer();
        await using var withLogin = new TestSmtpServer("copil", "bon-mot-de-passe");
        using var certificate = SelfSignedCertificate();
        await using var withBadCertificate = new TestSmtpServer(certificate: certificate);
        withLogin.Start();
        withBadCertificate.Start();
        factory.Smtp.Start();
        using var admin = await factory.SignedInAsync(Scenario.Admin);
        try
        {
            (string Label, Action<MailOptions> Settings, string Reason)[] cases =
            [
                ("starttls", o => o.Security = "StartTls", "ne propose pas STARTTLS alors que Mail:Security vaut StartTls"),
                ("motdepasse", o => { o.Port = withLogin.Port; o.UserName = "copil"; o.Password = "mauvais"; }, "a refusé l'identification : vérifiez Mail:UserName et Mail:Password"),
                ("certificat", o => { o.Port = withBadCertificate.Port; o.Security = "SslOnConnect"; }, "Échec de la connexion chiffrée (TLS)"),
                ("dns", o => o.Host = "smtp.copil.invalid", "le nom « smtp.copil.invalid » ne se résout pas (DNS)"),
                ("port", o => o.Port = unused.Port, "refuse la connexion : service arrêté ou mauvais port"),
            ];
            foreach (var (label, settings, reason) in cases)
            {
                var keys = await QueueAsync(1, label);

                Assert.Equal(0, await SendWithAsync(settings));

                var failing = Assert.Single(await MessagesAsync(keys));
                Assert.True((OutboxStatus.Pending, 1) == (failing.Status, failing.Attempts), $"{label}: {failing.Status} {failing.Attempts}");
                Assert.True(failing.LastError?.Contains(reason, StringComparison.Ordinal) == true, $"{label}: {failing.LastError}");
                Assert.True(failing.NextAttemptAtUtc > factory.Clock.GetUtcNow().UtcDateTime, label);
                Assert.Null(failing.LeaseOwner);
                Assert.Equal(0, Deliveries([failing]).Single());
                // The administrator's page shows the reason among the e-mails in failure.
                var page = await admin.GetPageAsync("/admin/envois?etat=echec");
                Assert.Contains(reason, page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
            }
        }
        finally
        {
            await factory.Smtp.StopAsync();
        }
    }

    [Fact]
    public async Task A_delivery_slower_than_the_lease_keeps_it_renewed_and_no_other_sender_takes_the_e_mail()
    {
        await factory.Smtp.StopAsync();
        var keys = await QueueAsync(1, "lente");
        var otherSender = -1;
        var renewed = false;
        factory.Smtp.OnRecipient = async _ =>
        {
            // The server takes longer than the whole lease (3 s)...
            factory.Clock.Advance(TimeSpan.FromSeconds(10));
            var now = factory.Clock.GetUtcNow().UtcDateTime;
            for (var i = 0; i < 150 && !renewed; i++)
            {
                await Task.Delay(100);
                renewed = (await MessagesAsync(keys)).Single().LeaseUntilUtc > now;
            }

            // ...and another instance looks for work meanwhile.
            otherSender = await factory.SendAsync();
        };
        factory.Smtp.Start();
        try
        {
            Assert.Equal(1, await factory.SendAsync());

            Assert.True(renewed, "the lease was never renewed during the slow delivery");
            Assert.Equal(0, otherSender);
            var message = Assert.Single(await MessagesAsync(keys));
            Assert.Equal((OutboxStatus.Sent, 1), (message.Status, message.Attempts));
            Assert.Equal([1], Deliveries([message]));
        }
        finally
        {
            factory.Smtp.OnRecipient = null;
            await factory.Smtp.StopAsync();
        }
    }

    [Fact]
    public async Task Two_senders_with_a_slow_server_deliver_each_e_mail_once()
    {
        await factory.Smtp.StopAsync();
        var keys = await QueueAsync(6, "deux");
        factory.Smtp.OnRecipient = async _ =>
        {
            // Each delivery outlasts the lease by the clock of the database rows.
            factory.Clock.Advance(TimeSpan.FromSeconds(4));
            await Task.Delay(1500);
        };
        factory.Smtp.Start();
        try
        {
            var sent = await Task.WhenAll(factory.SendAsync(), factory.SendAsync());

            var messages = await MessagesAsync(keys);
            Assert.Equal(6, sent.Sum());
            Assert.All(messages, m => Assert.Equal((OutboxStatus.Sent, 1), (m.Status, m.Attempts)));
            Assert.Equal(Enumerable.Repeat(1, 6), Deliveries(messages));
        }
        finally
        {
            factory.Smtp.OnRecipient = null;
            await factory.Smtp.StopAsync();
        }
    }

    [Fact]
    public async Task A_sender_that_lost_its_lease_stops_without_sending_or_marking()
    {
        await factory.Smtp.StopAsync();
        var keys = await QueueAsync(1, "perdu");
        var release = new TaskCompletionSource();
        factory.Smtp.OnRecipient = async _ =>
        {
            // Another instance took the message (its lease expired while this one was stalled).
            await factory.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.IdempotencyKey == keys[0])
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.LeaseOwner, "autre-instance").SetProperty(m => m.LeaseUntilUtc, new DateTime(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc))));
            await release.Task.WaitAsync(TimeSpan.FromSeconds(30));
        };
        factory.Smtp.Start();
        try
        {
            Assert.Equal(0, await factory.SendAsync());
            release.SetResult();

            var message = Assert.Single(await MessagesAsync(keys));
            Assert.Equal((OutboxStatus.Sending, "autre-instance", 0), (message.Status, message.LeaseOwner, message.Attempts));
            Assert.Equal([0], Deliveries([message]));
        }
        finally
        {
            release.TrySetResult();
            factory.Smtp.OnRecipient = null;
            await factory.Smtp.StopAsync();
        }
    }

    [Fact]
    public async Task The_sent_mark_is_written_when_the_server_accepts_not_after_a_goodbye_that_never_comes()
    {
        await factory.Smtp.StopAsync();
        var keys = await QueueAsync(2, "quit");
        factory.Smtp.StartMisbehaving(Misbehaviour.HangAfterAccept);
        try
        {
            Assert.Equal(2, await factory.SendAsync());
            await DrainAsync();

            var messages = await MessagesAsync(keys);
            Assert.All(messages, m => Assert.Equal((OutboxStatus.Sent, 1), (m.Status, m.Attempts)));
            Assert.Equal([1, 1], Deliveries(messages));
        }
        finally
        {
            await factory.Smtp.StopAsync();
        }
    }

    [Fact]
    public async Task A_sender_stopped_between_acceptance_and_the_mark_is_replaced_after_its_lease_with_the_same_Message_Id()
    {
        await factory.Smtp.StopAsync();
        var keys = await QueueAsync(1, "entre");
        using var kill = new CancellationTokenSource();
        factory.Smtp.OnAccepted = async () =>
        {
            if (!kill.IsCancellationRequested)
            {
                // The server has the message; the process dies before it hears the 250.
                await kill.CancelAsync();
                await Task.Delay(300);
            }
        };
        factory.Smtp.Start();
        try
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => factory.WithScopeAsync(sp => sp.GetRequiredService<OutboxSender>().SendDueAsync(ct: kill.Token)));
            var stuck = Assert.Single(await MessagesAsync(keys));
            Assert.Equal(OutboxStatus.Sending, stuck.Status);

            // Taken back once its lease has expired, by another sender, and marked sent.
            Assert.Equal(0, await factory.SendAsync());
            factory.Clock.Advance(TimeSpan.FromSeconds(4));
            Assert.Equal(1, await factory.SendAsync());
            await DrainAsync();

            var message = Assert.Single(await MessagesAsync(keys));
            Assert.Equal(OutboxStatus.Sent, message.Status);
            var copies = factory.Smtp.Received.Where(r => r.Contains($"<{message.ToAddress}>", StringComparison.Ordinal)).ToList();
            Assert.Equal(2, copies.Count);
            // Both copies carry the one Message-Id of this e-mail: mail systems that see it twice keep it once.
            var messageId = $"Message-Id: <{OutboxSender.MessageIdOf(message.IdempotencyKey)}>";
            Assert.All(copies, c => Assert.Contains(messageId, c, StringComparison.OrdinalIgnoreCase));
        }
        finally
        {
            factory.Smtp.OnAccepted = null;
            await factory.Smtp.StopAsync();
        }
    }
}

[Collection(MailCollection.Name)]
public sealed class SqliteDeliveryFaultTests(MailFactory factory) : DeliveryFaultTests(factory);

[Collection(PostgresMailCollection.Name)]
public sealed class PostgresDeliveryFaultTests(PostgresMailFactory factory) : DeliveryFaultTests(factory);
