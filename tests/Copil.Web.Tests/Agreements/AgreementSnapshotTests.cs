using Copil.Web.Api;
using Copil.Web.Features.Agreements;
using Copil.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Copil.Web.Tests.Agreements;

/// <summary>
/// Views over many agreements (home page, calendar feed) read an agreement whole only when its version changed since
/// they last read it: an unchanged agreement is not read again, a changed one is never served as it was.
/// </summary>
public abstract class AgreementSnapshotTests(CopilFactory factory)
{
    private Task<List<Copil.Domain.Agreements.Agreement>> LoadManyAsync(params Guid[] ids) =>
        factory.WithScopeAsync(services => services.GetRequiredService<AgreementReader>().LoadManyAsync(ids));

    [Fact]
    public async Task An_unchanged_agreement_is_not_read_again_and_a_changed_one_is_read_as_it_now_is()
    {
        var first = await factory.NewAgreementAsync();
        var second = await factory.NewAgreementAsync();
        var before = await LoadManyAsync(first.Id, second.Id, Guid.NewGuid());
        Assert.Equal(new[] { first.Id, second.Id }.Order(), before.Select(a => a.Id).Order());
        var again = await LoadManyAsync(first.Id, second.Id);
        Assert.All(again, a => Assert.Same(before.Single(b => b.Id == a.Id), a));

        using var admin = await factory.ApiAsync(Scenario.Admin);
        var terminated = await admin.PostJsonAsync($"/api/v1/agreements/{first.Id}/termination", new TerminationInput(first.OpcoId, new DateOnly(2026, 3, 1), null, null, null));
        Assert.Equal(System.Net.HttpStatusCode.Created, terminated.StatusCode);
        var after = await LoadManyAsync(first.Id, second.Id);

        var changed = after.Single(a => a.Id == first.Id);
        Assert.NotSame(before.Single(b => b.Id == first.Id), changed);
        Assert.NotNull(changed.Termination);
        Assert.Null(before.Single(b => b.Id == first.Id).Termination);
        Assert.Same(before.Single(b => b.Id == second.Id), after.Single(a => a.Id == second.Id));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteAgreementSnapshotTests(SqliteFactory factory) : AgreementSnapshotTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class PostgresAgreementSnapshotTests(PostgresFactory factory) : AgreementSnapshotTests(factory);
