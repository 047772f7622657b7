using System.Security.Claims;
using Copil.Domain.Notifications;
using Copil.Web.Features.Notifications;
using Copil.Web.Identity;

namespace Copil.Web.Api;

public sealed record NotificationDto(Guid Id, Guid AgreementId, string AgreementReference, NoticeKind Kind, string Title, string Body, string Link, DateTime CreatedAtUtc, DateTime? ReadAtUtc);

public sealed record NotificationPageDto(int Total, int Unread, int Page, int PageSize, List<NotificationDto> Items);

public sealed record PreferencesDto(NotificationDelivery Delivery, bool MuteReminders);

/// <summary>/api/v1/notifications: the caller's own notifications and choices; nobody sees another person's.</summary>
public static class NotificationsApi
{
    public static void MapNotificationsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/notifications").WithTags("Notifications");

        group.MapGet("", async (bool? unread, int? page, HttpContext http, NotificationQueries notifications, CancellationToken ct) =>
        {
            var (userId, admin) = Caller(http);
            var (rows, total) = await notifications.PageAsync(userId, admin, unread == true, page ?? 1, ct);
            return TypedResults.Ok(new NotificationPageDto(total, await notifications.UnreadCountAsync(userId, admin, ct), Math.Max(page ?? 1, 1), NotificationQueries.PageSize,
                [.. rows.Select(r => new NotificationDto(r.Id, r.AgreementId, r.AgreementReference, r.Kind, r.Title, r.Body, r.Link, r.CreatedAtUtc, r.ReadAtUtc))]));
        }).WithSummary("Mes notifications, les plus récentes d'abord (unread=true : seulement les non lues ; 50 par page)");

        group.MapPost("/{notificationId:guid}/read", async (Guid notificationId, HttpContext http, NotificationQueries notifications, CancellationToken ct) =>
        {
            var (userId, admin) = Caller(http);
            return await notifications.MarkReadAsync(userId, admin, notificationId, ct) is null ? ApiSupport.NotFound() : TypedResults.NoContent();
        }).WithSummary("Marque une notification comme lue").Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/read-all", async (HttpContext http, NotificationQueries notifications, CancellationToken ct) =>
        {
            var (userId, admin) = Caller(http);
            return TypedResults.Ok(new { Marked = await notifications.MarkAllReadAsync(userId, admin, ct) });
        }).WithSummary("Marque toutes mes notifications comme lues");

        group.MapGet("/preferences", async (HttpContext http, NotificationQueries notifications, CancellationToken ct) =>
            await notifications.PreferencesAsync(Caller(http).UserId, ct) is var p ? TypedResults.Ok(new PreferencesDto(p.Delivery, p.MuteReminders)) : null)
            .WithSummary("Mes préférences : courriel immédiat ou résumé quotidien, rappels désactivés ou non");

        group.MapPut("/preferences", async (PreferencesDto input, HttpContext http, NotificationQueries notifications, CancellationToken ct) =>
        {
            var result = await notifications.SetPreferencesAsync(Caller(http).UserId, new NotificationPreferences(input.Delivery, input.MuteReminders), ct);
            return result.IsFailure ? ApiSupport.Problem(result.Errors) : TypedResults.Ok(input);
        }).WithSummary("Change mes préférences (les rappels des dates fixées par la convention ne se désactivent pas)").Produces<PreferencesDto>().ProducesValidationProblem();
    }

    private static (string UserId, bool IsAdministrator) Caller(HttpContext http) =>
        (http.User.FindFirstValue(ClaimTypes.NameIdentifier)!, http.User.IsInRole(CopilClaimsPrincipalFactory.AdministratorRole));
}
