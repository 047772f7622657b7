using Copil.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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
}

[Collection(MailCollection.Name)]
public sealed class SqliteDeliveryFaultTests(MailFactory factory) : DeliveryFaultTests(factory);

[Collection(PostgresMailCollection.Name)]
public sealed class PostgresDeliveryFaultTests(PostgresMailFactory factory) : DeliveryFaultTests(factory);
