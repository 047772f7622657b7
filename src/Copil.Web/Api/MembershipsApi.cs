using Copil.Domain.Access;
using Copil.Domain.Common;
using Copil.Web.Features.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Copil.Web.Api;

/// <summary>/api/v1/agreements/{id}/memberships: who holds which role in the agreement.</summary>
public static class MembershipsApi
{
    public static void MapMembershipsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/agreements/{id:guid}/memberships").WithTags("Habilitations");

        group.MapGet("", ListAsync).RequireAgreement(AgreementPermission.ManageMemberships).WithSummary("Les habilitations");
        group.MapPost("", GrantAsync).RequireAgreement(AgreementPermission.ManageMemberships).WithSummary("Donner un rôle à un compte existant");
        group.MapDelete("/{membershipId:guid}", WithdrawAsync).RequireAgreement(AgreementPermission.ManageMemberships).WithSummary("Retirer un rôle");
    }

    private static async Task<Ok<List<MembershipDto>>> ListAsync(Guid id, MembershipCommands memberships, CancellationToken ct) =>
        TypedResults.Ok((await memberships.ListAsync(id, ct)).Select(ToDto).ToList());

    private static async Task<Results<Created<MembershipDto>, Refusal>> GrantAsync(Guid id, MembershipInput input, MembershipCommands memberships, CancellationToken ct)
    {
        var result = await memberships.GrantAsync(id, input.Email, input.Role, input.SeatId, input.PartyId, input.Organisation, ct);
        if (result.IsFailure)
        {
            return new Refusal(result.Errors);
        }

        var view = (await memberships.ListAsync(id, ct)).First(m => m.Id == result.Value.Id);
        return TypedResults.Created($"/api/v1/agreements/{id}/memberships/{view.Id}", ToDto(view));
    }

    private static async Task<Results<NoContent, Refusal>> WithdrawAsync(Guid id, Guid membershipId, MembershipCommands memberships, CancellationToken ct) =>
        await memberships.WithdrawAsync(id, membershipId, ct) ? TypedResults.NoContent() : new Refusal([DomainError.NotFound("Cette habilitation n'existe pas.")]);

    private static MembershipDto ToDto(MembershipView m) => new(m.Id, m.UserId, m.Email, m.DisplayName, m.Role, m.SeatId, m.PartyId, m.Organisation);
}
