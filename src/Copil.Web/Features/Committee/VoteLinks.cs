using System.Security.Cryptography;
using System.Text;
using Copil.Domain.Committee;
using Copil.Domain.Common;
using Copil.Domain.Voting;
using Copil.Web.Data;
using Copil.Web.Features.Agreements;
using Copil.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.Committee;

/// <summary>
/// A personal voting link: one seat holder, one point, one use, until the end of the closing day. Only the SHA-256 of
/// its secret is stored, so the table cannot be used to vote.
/// </summary>
public sealed class VoteLink
{
    public Guid Id { get; set; }

    public Guid AgreementId { get; set; }

    public Guid ConsultationId { get; set; }

    public Guid ItemId { get; set; }

    public Guid SeatId { get; set; }

    public string UserId { get; set; } = "";

    public string TokenHash { get; set; } = "";

    public DateOnly ExpiresAfter { get; set; }

    public DateTime? UsedAtUtc { get; set; }
}

/// <summary>What a personal link opens: the point to vote on, for which seat, or why it cannot be used.</summary>
public sealed record LinkView(VoteLink Link, Consultation Consultation, ConsultationItem Item, string AgreementReference, string SeatLabel);

/// <summary>The personal voting links of a written consultation (art. 14): what one opens, and the vote it casts, once.</summary>
public sealed class VoteLinks(CopilDbContext db, AgreementReader agreements, TimeProvider clock)
{
    public static readonly DomainError InvalidLink = new("link.invalid", "Ce lien de vote n'est pas valable : vérifiez qu'il est complet, ou votez depuis Copil.");

    public DateOnly Today => clock.TodayInParis();

    /// <summary>What a link opens, or why it does not.</summary>
    public async Task<Result<LinkView>> OpenLinkAsync(string secret, CancellationToken ct = default)
    {
        if (secret.Length is < 20 or > 100)
        {
            return InvalidLink;
        }

        var hash = Hash(secret);
        var link = await db.Set<VoteLink>().FirstOrDefaultAsync(l => l.TokenHash == hash, ct);
        var consultation = link is null ? null : await db.Set<Consultation>().FirstOrDefaultAsync(c => c.Id == link.ConsultationId, ct);
        var agreement = consultation is null ? null : await agreements.LoadAsync(consultation.AgreementId, ct);
        if (link is null || consultation is null || agreement is null || agreement.Seats.FirstOrDefault(s => s.Id == link.SeatId) is not { } seat)
        {
            return InvalidLink;
        }

        var item = consultation.Items.First(i => i.Id == link.ItemId);
        if (link.UsedAtUtc is { } used)
        {
            return new DomainError("link.used", $"Ce lien a déjà servi, le {Clock.ToParis(used):dd/MM/yyyy à HH:mm} : le vote du siège sur ce point est enregistré et ne se refait pas.");
        }

        if (consultation.Status != ConsultationStatus.Open || Today > link.ExpiresAfter)
        {
            return new DomainError("link.expired", $"La consultation « {consultation.Subject} » est close depuis le {FrenchText.Date(link.ExpiresAfter.AddDays(1))} : ce lien n'ouvre plus de vote.");
        }

        return new LinkView(link, consultation, item, agreement.Reference, Meeting.SeatLabel(agreement, seat));
    }

    /// <summary>Votes through a personal link: the link is spent in the same transaction as the vote.</summary>
    public async Task<Result<LinkView>> VoteByLinkAsync(string secret, VoteChoice choice, CancellationToken ct = default)
    {
        var opened = await OpenLinkAsync(secret, ct);
        if (opened.IsFailure)
        {
            return opened;
        }

        var view = opened.Value;
        var agreement = (await agreements.LoadAsync(view.Consultation.AgreementId, ct))!;
        var person = await db.Users.AsNoTracking().Where(u => u.Id == view.Link.UserId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "";
        var cast = view.Consultation.Cast(agreement, view.Item.Id, view.Link.SeatId, choice, person, "lien personnel", clock.GetUtcNow().UtcDateTime, Today);
        if (cast.IsFailure)
        {
            return Result<LinkView>.Failure(cast.Errors);
        }

        view.Link.UsedAtUtc = clock.GetUtcNow().UtcDateTime;
        return await SaveAsync(view);
    }

    private async Task<Result<LinkView>> SaveAsync(LinkView view)
    {
        try
        {
            await db.SaveChangesAsync();
            return view;
        }
        catch (DbUpdateConcurrencyException)
        {
            // The same link (or another vote) was saved at the same moment: nothing is counted twice.
            db.ChangeTracker.Clear();
            return new DomainError("link.race", "Un vote vient d'être enregistré au même instant : ouvrez à nouveau le lien pour voir où il en est.");
        }
    }

    /// <summary>Only this hash of a link's secret is stored: the table cannot be used to vote.</summary>
    internal static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
