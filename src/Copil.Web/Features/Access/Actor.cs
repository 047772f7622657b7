using System.Security.Claims;
using Copil.Web.Identity;

namespace Copil.Web.Features.Access;

/// <summary>Who acts, as the records name them: the account's id and the person's name (never their e-mail when a name is known).</summary>
public sealed record Actor(string UserId, string Name)
{
    public static Actor Of(ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "",
        user.FindFirstValue(CopilClaimsPrincipalFactory.DisplayNameClaim) is { Length: > 0 } name ? name : user.Identity?.Name ?? "");
}
