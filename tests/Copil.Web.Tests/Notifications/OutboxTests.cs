using Copil.Web.Api;
using Copil.Web.Features.Notifications;
using Copil.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Copil.Web.Tests.Notifications;

/// <summary>The app with its e-mail pointed at an SMTP server of the test process.</summary>
public class MailFactory : CopilFactory, IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("copil-mail-").FullName;

    public TestSmtpServer Smtp { get; } = new();

    /// <summary>Where e-mails would be written without a server: it must stay free of secrets too.</summary>
    public string PickupFolder => Path.Combine(_folder, "mail");

    public override string Provider => Copil.Web.Infrastructure.DatabaseSetup.Sqlite;

    public override string ConnectionString => $"Data Source={Path.Combine(_folder, "copil.db")}";

    protected override IEnumerable<(string Key, string Value)> ExtraSettings =>
    [
        ("Mail:Host", "127.0.0.1"),
        ("Mail:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("Mail:Security", "None"),
        ("Mail:From", "copil@exemple.fr"),
        // A server that does not answer is given up on after 2 s (30 s in production), then retried.
        ("Mail:TimeoutSeconds", "2"),
        // A lease of 3 s, renewed every second, so that a test can make a delivery outlast it.
        ("Mail:LeaseSeconds", "3"),
        ("Mail:PickupFolder", PickupFolder),
    ];

    public Task InitializeAsync() => Task.CompletedTask;

    public new async Task DisposeAsync()
    {
        await Smtp.DisposeAsync();
        await base.DisposeAsync();
    }

    public async Task<int> SendAsync()
    {
        using var scope = Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxSender>().SendDueAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class MailCollection : ICollectionFixture<MailFactory>
{
    public const string Name = "Mail";
}

/// <summary>The same, on a database of its own on the PostgreSQL server of the test command.</summary>
public sealed class PostgresMailFactory : MailFactory
{
    private readonly string _database = $"copil_mail_{Guid.NewGuid():N}";

    public PostgresMailFactory() => PostgresFactory.CreateDatabase(_database);

    public override string Provider => Copil.Web.Infrastructure.DatabaseSetup.PostgreSql;

    public override string ConnectionString => $"{PostgresFactory.PostgresServer};Database={_database}";
}

[CollectionDefinition(Name)]
public sealed class PostgresMailCollection : ICollectionFixture<PostgresMailFactory>
{
    public const string Name = "Mail on PostgreSQL";
}

/// <summary>E-mails are written with the change that causes them and delivered exactly once, whatever the server does.</summary>
[Collection(MailCollection.Name)]
public sealed class OutboxTests(MailFactory factory)
{
    private async Task<(ActionScenario Scenario, Guid SheetId)> SubmittedSheetAsync()
    {
        var s = await ActionScenario.CreateAsync(factory);
        using var carrier = await factory.ApiAsync(ActionScenario.Carrier);
        var sheet = await (await carrier.PostJsonAsync($"/api/v1/agreements/{s.Id}/action-sheets", new ActionSheetInput(null, s.Content()))).ReadAsync<ActionSheetDto>();
        var submitted = await carrier.PostJsonAsync($"/api/v1/agreements/{s.Id}/action-sheets/{sheet.Id}/submit", new VersionInput(null));
        Assert.True(submitted.IsSuccessStatusCode);
        return (s, sheet.Id);
    }

    private Task<List<OutboxMessage>> MessagesAsync(Guid agreementId) =>
        factory.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.AgreementId == agreementId).OrderBy(m => m.ToAddress).ToListAsync());

    [Fact]
    public async Task While_the_server_is_down_e_mails_wait_and_arrive_exactly_once_when_it_comes_back()
    {
        await factory.Smtp.StopAsync();
        var (s, _) = await SubmittedSheetAsync();

        var queued = await MessagesAsync(s.Id);
        Assert.Equal(["relecture.dgesco@copil.test", "relecture.dgesip@copil.test"], queued.Select(m => m.ToAddress));
        Assert.Equal(0, await factory.SendAsync());
        var failing = await MessagesAsync(s.Id);
        Assert.All(failing, m => Assert.Equal((OutboxStatus.Pending, 1), (m.Status, m.Attempts)));
        Assert.All(failing, m => Assert.False(string.IsNullOrEmpty(m.LastError)));

        factory.Smtp.Start();
        Assert.Equal(0, await factory.SendAsync());
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var before = factory.Smtp.Received.Count;
        await factory.SendAsync();
        await factory.SendAsync();

        var delivered = factory.Smtp.Received.Skip(before).ToList();
        Assert.Equal(2, delivered.Count(m => m.Contains($"/conventions/{s.Id}/fiches/", StringComparison.Ordinal)));
        Assert.All(await MessagesAsync(s.Id), m => Assert.Equal(OutboxStatus.Sent, m.Status));
        Assert.Contains(delivered, m => m.Contains("Subject: =?utf-8?", StringComparison.OrdinalIgnoreCase) || m.Contains("soumise", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_recipient_refused_for_good_is_marked_and_not_retried()
    {
        factory.Smtp.Start();
        factory.Smtp.Refused.Add("relecture.dgesip@copil.test");
        try
        {
            var (s, _) = await SubmittedSheetAsync();

            await factory.SendAsync();
            factory.Clock.Advance(TimeSpan.FromHours(2));
            await factory.SendAsync();

            var messages = await MessagesAsync(s.Id);
            Assert.Equal(OutboxStatus.Sent, messages.Single(m => m.ToAddress == "relecture.dgesco@copil.test").Status);
            var refused = messages.Single(m => m.ToAddress == "relecture.dgesip@copil.test");
            Assert.Equal((OutboxStatus.Refused, 1), (refused.Status, refused.Attempts));
        }
        finally
        {
            factory.Smtp.Refused.Clear();
            await factory.Smtp.StopAsync();
        }
    }

    [Fact]
    public async Task Two_senders_at_once_deliver_each_e_mail_once()
    {
        await factory.Smtp.StopAsync();
        var (s, _) = await SubmittedSheetAsync();
        factory.Smtp.Start();
        try
        {
            var before = factory.Smtp.Received.Count;

            await Task.WhenAll(factory.SendAsync(), factory.SendAsync(), factory.SendAsync());

            Assert.Equal(2, factory.Smtp.Received.Skip(before).Count(m => m.Contains($"/conventions/{s.Id}/fiches/", StringComparison.Ordinal)));
        }
        finally
        {
            await factory.Smtp.StopAsync();
        }
    }

    [Fact]
    public async Task The_same_e_mail_is_never_queued_twice()
    {
        var (s, _) = await SubmittedSheetAsync();

        await factory.WithScopeAsync(async sp =>
        {
            var outbox = sp.GetRequiredService<Outbox>();
            var db = sp.GetRequiredService<Copil.Web.Data.CopilDbContext>();
            var first = (await MessagesAsync(s.Id))[0];
            await outbox.EnqueueAsync(first.IdempotencyKey, s.Id, first.ToAddress, first.ToName, "Encore", "Encore");
            return await db.SaveChangesAsync();
        });

        Assert.Equal(2, (await MessagesAsync(s.Id)).Count);
    }
}
