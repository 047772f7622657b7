using System.Net;
using System.Net.Http.Json;
using Copil.Domain.Agreements;
using Copil.Web.Api;
using Copil.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Tests.Api;

/// <summary>A client whose connection dropped after the server committed retries with the same key: nothing is created twice.</summary>
public abstract class IdempotencyTests(CopilFactory factory)
{
    private static AgreementInput Agreement(string reference) => new(reference, "Convention créée une seule fois", null, new DateOnly(2025, 6, 2), "Paris",
        36, "art. 17", RenewalPolicy.None, EndOfTermRule.DayBeforeAnniversary, "art. 13", null, null, null);

    private static HttpRequestMessage Post(AgreementInput body, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/agreements") { Content = JsonContent.Create(body, options: Http.Json) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return request;
    }

    private Task<int> CountAsync(string reference) => factory.WithDbAsync(db => db.Agreements.CountAsync(a => a.Reference == reference));

    [Fact]
    public async Task A_retry_with_the_same_key_gets_the_first_answer_and_creates_nothing()
    {
        using var admin = await factory.ApiAsync(Scenario.Admin);
        var reference = $"IDEM-{Guid.NewGuid():N}"[..16].ToUpperInvariant();
        var key = Guid.NewGuid().ToString();

        using var first = await admin.SendAsync(Post(Agreement(reference), key));
        using var retry = await admin.SendAsync(Post(Agreement(reference), key));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, await CountAsync(reference));
    }

    [Fact]
    public async Task The_same_key_with_another_request_or_a_malformed_key_is_refused_in_French()
    {
        using var admin = await factory.ApiAsync(Scenario.Admin);
        var reference = $"IDEM-{Guid.NewGuid():N}"[..16].ToUpperInvariant();
        var key = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Created, (await admin.SendAsync(Post(Agreement(reference), key))).StatusCode);

        using var other = await admin.SendAsync(Post(Agreement(reference + "B"), key));
        using var malformed = await admin.SendAsync(Post(Agreement(reference + "C"), "clé avec espaces"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Contains("a déjà servi pour une autre requête", await other.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("Idempotency-Key contient de 1 à 200 caractères", await malformed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(reference + "B"));
        Assert.Equal(0, await CountAsync(reference + "C"));
    }

    [Fact]
    public async Task Keys_belong_to_their_sender_and_the_openapi_document_declares_the_header()
    {
        using var admin = await factory.ApiAsync(Scenario.Admin);
        using var secretariat = await factory.ApiAsync(Scenario.Secretariat);
        var key = Guid.NewGuid().ToString();
        var reference = $"IDEM-{Guid.NewGuid():N}"[..16].ToUpperInvariant();
        Assert.Equal(HttpStatusCode.Created, (await admin.SendAsync(Post(Agreement(reference), key))).StatusCode);

        // Another person's request with the same key is their own request, answered for itself.
        using var theirs = await secretariat.SendAsync(Post(Agreement(reference + "S"), key));
        Assert.False(theirs.Headers.Contains("Idempotent-Replayed"));

        var document = await factory.CreateClient().GetStringAsync("/openapi/v1.json");
        Assert.Contains("\"Idempotency-Key\"", document, StringComparison.Ordinal);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class IdempotencyOnSqliteTests(SqliteFactory factory) : IdempotencyTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class IdempotencyOnPostgresTests(PostgresFactory factory) : IdempotencyTests(factory);
