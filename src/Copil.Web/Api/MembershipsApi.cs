using Copil.Domain.Access;
using Copil.Web.Features.Access;

namespace Copil.Web.Api;

/// <summary>/api/v1/agreements/{id}/memberships: who holds which role in the agreement.</summary>
public static class MembershipsApi
{
    public static void MapMembershipsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/agreements/{id:guid}/memberships").WithTags("Habilitations");

        group.MapGet("", async (Guid id, MembershipCommands memberships, CancellationToken ct) =>
            TypedResults.Ok((await memberships.ListAsync(id, ct)).Select(ToDto).ToList()))
            .RequireAgreement(AgreementPermission.ManageMemberships).WithSummary("Les habilitations").Produces<List<MembershipDto>>();

        group.MapPost("", async (Guid id, MembershipInput input, MembershipCommands memberships, CancellationToken ct) =>
        {
            var result = await memberships.GrantAsync(id, input.Email, input.Role, input.SeatId, input.PartyId, input.Organisation, ct);
            if (result.IsFailure)
            {
                return ApiSupport.Problem(result.Errors);
            }

            var view = (await memberships.ListAsync(id, ct)).First(m => m.Id == result.Value.Id);
            return TypedResults.Created($"/api/v1/agreements/{id}/memberships/{view.Id}", ToDto(view));
        }).RequireAgreement(AgreementPermission.ManageMemberships).WithSummary("Donner un rôle à un compte existant").Produces<MembershipDto>(201).ProducesValidationProblem();

        group.MapDelete("/{membershipId:guid}", async (Guid id, Guid membershipId, MembershipCommands memberships, CancellationToken ct) =>
            await memberships.WithdrawAsync(id, membershipId, ct) ? TypedResults.NoContent() : ApiSupport.NotFound())
            .RequireAgreement(AgreementPermission.ManageMemberships).WithSummary("Retirer un rôle").Produces(204);
    }

    private static MembershipDto ToDto(MembershipView m) => new(m.Id, m.UserId, m.Email, m.DisplayName, m.Role, m.SeatId, m.PartyId, m.Organisation);
}
