using System.Net;
using System.Text.Json;
using Copil.Web.Features.Notifications;
using Copil.Web.Infrastructure;
using Copil.Web.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Copil.Web.Tests.Data;

/// <summary>Liveness says the process answers; readiness says whether it can do its work: database, disk, outbox.</summary>
[Collection(SqliteCollection.Name)]
public sealed class HealthTests(SqliteFactory factory)
{
    [Fact]
    public async Task Liveness_and_readiness_answer_separately_with_a_French_description_per_check()
    {
        using var client = factory.CreateClient();

        using var live = await client.GetAsync("/health/live");
        using var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        var checks = report.RootElement.GetProperty("checks");
        Assert.Equal(["data-folder", "database", "outbox"], checks.EnumerateObject().Select(c => c.Name).Order());
        Assert.Contains("Mo libres dans", checks.GetProperty("data-folder").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.True(ready.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task A_full_or_unwritable_data_folder_is_not_ready_and_an_old_waiting_e_mail_is_degraded()
    {
        await factory.WithScopeAsync(async sp =>
        {
            var environment = sp.GetRequiredService<IHostEnvironment>();
            HealthCheckResult Folder(string folder, long minimum) => new DataFolderCheck(
                new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Data:Folder"] = folder }).Build(), environment,
                Options.Create(new HealthOptions { MinFreeMegabytes = minimum })).CheckHealthAsync(new HealthCheckContext()).GetAwaiter().GetResult();

            var full = Folder(factory.DataFolder, long.MaxValue / (4L * 1024 * 1024));
            var unwritable = Folder("/proc/copil-sans-ecriture", 1);
            Assert.Equal(HealthStatus.Unhealthy, full.Status);
            Assert.Contains("les écritures vont échouer", full.Description, StringComparison.Ordinal);
            Assert.Equal(HealthStatus.Unhealthy, unwritable.Status);
            Assert.Contains("n'accepte pas d'écriture", unwritable.Description, StringComparison.Ordinal);

            var outbox = sp.GetRequiredService<Outbox>();
            await outbox.EnqueueAsync($"test:vieux:{Guid.NewGuid():N}", null, "vieux@exemple.fr", "Vieux", "Ancien", "Ancien");
            await sp.GetRequiredService<Copil.Web.Data.CopilDbContext>().SaveChangesAsync();
            factory.Clock.Advance(TimeSpan.FromHours(2));
            try
            {
                var stuck = await new OutboxCheck(sp.GetRequiredService<OutboxGauges>(), Options.Create(new HealthOptions { OutboxMaxAgeMinutes = 30 })).CheckHealthAsync(new HealthCheckContext());
                Assert.Equal(HealthStatus.Degraded, stuck.Status);
                Assert.Contains("courriels en attente, le plus ancien depuis", stuck.Description, StringComparison.Ordinal);

                // Degraded still serves: 200, with the reason.
                using var ready = await factory.CreateClient().GetAsync("/health/ready");
                Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
                Assert.Contains("\"Degraded\"", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
            finally
            {
                factory.Clock.SetUtcNow(CopilFactory.Now);
            }

            return 0;
        });
    }
}
