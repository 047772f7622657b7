using Copil.Domain.Access;
using Copil.Domain.DueDates;
using Copil.Web.Features.Access;
using Copil.Web.Features.DueDates;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Copil.Web.Api;

public sealed record DueItemDto(string Key, DateOnly DueOn, string Title, AgreementRole OwnerRole, Guid? OwnerPartyId, string? OwnerOrganisation, string Source, bool Statutory, bool? Done, bool Overdue, bool Mine);

/// <summary>/api/v1/agreements/{id}/due-dates: the échéancier, with the same permissions as the page.</summary>
public static class DueDatesApi
{
    public static void MapDueDatesApi(this RouteGroupBuilder api) =>
        api.MapGet("/agreements/{id:guid}/due-dates", ListAsync).RequireAgreement(AgreementPermission.View).WithTags("Échéancier")
            .WithSummary("Les échéances de la convention, chacune avec sa règle et son article (mine=true : seulement les miennes)");

    private static async Task<Ok<List<DueItemDto>>> ListAsync(Guid id, bool? mine, HttpContext http, Echeancier echeancier, CancellationToken ct)
    {
        var grant = http.Grant();
        var items = await echeancier.ForAgreementAsync(id, ct);
        return TypedResults.Ok(items
            .Where(i => ActionSheetAccess.SeesDueDate(i, [.. grant.Memberships], grant.IsAdministrator))
            .Select(i => (Item: i, Mine: MyDueDates.IsFor(i, grant.Memberships)))
            .Where(x => mine != true || x.Mine)
            .Select(x => new DueItemDto(x.Item.Key, x.Item.DueOn, x.Item.Title, x.Item.Owner.Role, x.Item.Owner.PartyId, x.Item.Owner.Organisation,
                x.Item.Source, x.Item.Statutory, x.Item.Done, x.Item.IsOverdueOn(echeancier.Today), x.Mine))
            .ToList());
    }
}
