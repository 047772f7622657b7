using System.Security.Cryptography;
using System.Text;
using Copil.Domain.Access;
using Copil.Domain.Actions;
using Copil.Domain.Committee;
using Copil.Domain.Common;
using Copil.Domain.Notifications;
using Copil.Domain.Voting;
using Copil.Web.Data;
using Copil.Web.Features.ActionSheets;
using Copil.Web.Features.Agreements;
using Copil.Web.Features.Notifications;
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

/// <summary>The written consultations' use cases (art. 14), shared by the pages, the personal links and the API.</summary>
public sealed class ConsultationCommands(CopilDbContext db, AgreementCommands agreements, Outbox outbox, Notifier notifier, CommitteeDecisions committeeDecisions, CommitteeNotices committeeNotices, TimeProvider clock)
{
    public static readonly DomainError NotFound = DomainError.NotFound("Cette consultation n'existe pas.");

    public static readonly DomainError InvalidLink = new("link.invalid", "Ce lien de vote n'est pas valable : vérifiez qu'il est complet, ou votez depuis Copil.");

    public DateOnly Today => clock.TodayInParis();

    public Task<Consultation?> LoadAsync(Guid agreementId, Guid consultationId, CancellationToken ct = default) =>
        db.Set<Consultation>().FirstOrDefaultAsync(c => c.Id == consultationId && c.AgreementId == agreementId, ct);

    public Task<List<Consultation>> ListAsync(Guid agreementId, CancellationToken ct = default) =>
        db.Set<Consultation>().AsNoTracking().Where(c => c.AgreementId == agreementId).OrderByDescending(c => c.OpenedOn).ToListAsync(ct);

    /// <summary>
    /// Opens the consultation and, in the same transaction, e-mails each seat holder their personal links (one per
    /// point, sent at once whatever their digest choice: a vote has a closing date) and lists it in their notifications.
    /// </summary>
    public async Task<Result<Consultation>> OpenAsync(Guid agreementId, string? subject, DateOnly? closesOn, IReadOnlyList<Guid> sheetIds, string? otherPoint, CancellationToken ct = default)
    {
        if (await agreements.LoadAsync(agreementId, ct) is not { } agreement)
        {
            return AgreementCommands.NotFound;
        }

        var items = new List<(AgendaItemKind, string, Guid?)>();
        foreach (var sheetId in sheetIds.Distinct())
        {
            var sheet = await db.ActionSheets.AsNoTracking().AsSplitQuery().FirstOrDefaultAsync(s => s.Id == sheetId && s.AgreementId == agreementId, ct);
            if (sheet?.AwaitedCommitteeMatter is not { } matter)
            {
                return new DomainError("consultation.sheet", "Une fiche choisie n'est pas prête pour une décision du comité (avis des ministères rendus, ou demande de modification en attente).", "SheetIds");
            }

            var kind = matter == CommitteeMatter.ChangeRequest ? AgendaItemKind.ChangeRequest : AgendaItemKind.ActionSheet;
            items.Add((kind, AgendaItem.TitleFor(sheet, kind), sheet.Id));
        }

        if (!string.IsNullOrWhiteSpace(otherPoint))
        {
            items.Add((AgendaItemKind.Other, otherPoint.Trim(), null));
        }

        var opened = Consultation.Open(agreement, subject, closesOn ?? default, items, Today);
        if (opened.IsFailure)
        {
            return opened;
        }

        db.Add(opened.Value);
        await InviteAsync(agreement, opened.Value, ct);
        await db.SaveChangesAsync(ct);
        return opened.Value;
    }

    /// <summary>Puts minutes awaiting validation to the members in writing; the consultation's result validates them or not.</summary>
    public async Task<Result<Consultation>> OpenForMinutesAsync(Guid agreementId, Guid meetingId, DateOnly? closesOn, CancellationToken ct = default)
    {
        var agreement = await agreements.LoadAsync(agreementId, ct);
        var meeting = agreement is null ? null : await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == meetingId && m.AgreementId == agreementId, ct);
        var minutes = meeting is null ? null : await db.Minutes.FirstOrDefaultAsync(m => m.MeetingId == meetingId, ct);
        if (agreement is null || meeting is null || minutes is null)
        {
            return NotFound;
        }

        var opened = Consultation.ForMinutes(agreement, minutes, meeting, closesOn ?? default, Today);
        if (opened.IsFailure)
        {
            return opened;
        }

        db.Add(opened.Value);
        await InviteAsync(agreement, opened.Value, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return DomainError.Conflict("Le compte-rendu vient d'être modifié : rechargez la page.");
        }

        return opened.Value;
    }

    /// <summary>
    /// E-mails each seat holder their personal links (one per point, sent at once whatever their digest choice: a vote
    /// has a closing date) and lists the consultation in the members' notifications.
    /// </summary>
    private async Task InviteAsync(Copil.Domain.Agreements.Agreement agreement, Consultation consultation, CancellationToken ct)
    {
        var agreementId = agreement.Id;
        var holders = await (from m in db.Memberships
                             join u in db.Users on m.UserId equals u.Id
                             where m.AgreementId == agreementId && m.Role == AgreementRole.CommitteeMember && m.SeatId != null
                             select new { m.SeatId, u.Id, u.Email, u.DisplayName, u.NotificationDelivery, u.MuteReminders }).ToListAsync(ct);
        foreach (var holder in holders.Where(h => agreement.Seats.Any(s => s.Id == h.SeatId)))
        {
            var seat = agreement.Seats.Single(s => s.Id == holder.SeatId);
            var lines = new StringBuilder();
            foreach (var item in consultation.Items)
            {
                var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
                db.Add(new VoteLink
                {
                    Id = Guid.NewGuid(),
                    AgreementId = agreementId,
                    ConsultationId = consultation.Id,
                    ItemId = item.Id,
                    SeatId = seat.Id,
                    UserId = holder.Id,
                    TokenHash = Hash(secret),
                    ExpiresAfter = consultation.ClosesOn,
                });
                lines.Append(System.Globalization.CultureInfo.InvariantCulture, $"{item.Position}. {item.Title}\n   Voter : {notifier.Url($"/consultation/{secret}")}\n\n");
            }

            if (holder.Email is not null)
            {
                await outbox.EnqueueAsync($"consultation:{consultation.Id}:{holder.Id}", agreementId, holder.Email, holder.DisplayName,
                    $"[{agreement.Reference}] Consultation écrite : {consultation.Subject} — réponse avant le {FrenchText.Date(consultation.ClosesOn.AddDays(1))}",
                    $"Bonjour {holder.DisplayName},\n\nLe comité de pilotage est consulté par écrit ({agreement.Terms.SpringMeetingArticle} de la convention) : « {consultation.Subject} ».\n"
                    + $"Vous votez pour le siège {Meeting.SeatLabel(agreement, seat)} ({FrenchText.Plural(seat.VoteWeight, "voix", "voix")}), jusqu'au {FrenchText.DateWithDay(consultation.ClosesOn)} inclus.\n\n"
                    + $"Chaque lien ci-dessous est personnel, ne sert qu'une fois et expire à la clôture :\n\n{lines}"
                    + $"Vous pouvez aussi voter depuis Copil : {notifier.Url(ConsultationPath(agreementId, consultation.Id))}\n\n—\nCopil", ct);
            }
        }

        await notifier.NotifyAsync(new Notice($"consultation:{consultation.Id}:opened", agreementId, agreement.Reference, NoticeKind.Event,
                $"Consultation écrite : {consultation.Subject}", $"Le comité est consulté par écrit jusqu'au {FrenchText.DateWithDay(consultation.ClosesOn)} inclus sur {FrenchText.Plural(consultation.Items.Count, "point", "points")}.",
                ConsultationPath(agreementId, consultation.Id)),
            await notifier.MembersAsync(agreementId, m => m.Role is AgreementRole.CommitteeMember or AgreementRole.Secretariat, ct), ct);
    }

    public static string ConsultationPath(Guid agreementId, Guid consultationId) => $"/conventions/{agreementId}/comite/consultations/{consultationId}";

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

    /// <summary>Votes from the app, for the caller's own seat; the matching personal link is spent too.</summary>
    public async Task<Result<Consultation>> VoteInAppAsync(Guid agreementId, Guid consultationId, Guid itemId, Guid seatId, VoteChoice choice, string by, CancellationToken ct = default)
    {
        var agreement = await agreements.LoadAsync(agreementId, ct);
        var consultation = agreement is null ? null : await LoadAsync(agreementId, consultationId, ct);
        if (agreement is null || consultation is null)
        {
            return NotFound;
        }

        var cast = consultation.Cast(agreement, itemId, seatId, choice, by, "application", clock.GetUtcNow().UtcDateTime, Today);
        if (cast.IsFailure)
        {
            return Result<Consultation>.Failure(cast.Errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var link in await db.Set<VoteLink>().Where(l => l.ConsultationId == consultationId && l.ItemId == itemId && l.SeatId == seatId && l.UsedAtUtc == null).ToListAsync(ct))
        {
            link.UsedAtUtc = now;
        }

        try
        {
            await db.SaveChangesAsync(ct);
            return consultation;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return DomainError.Conflict("Un autre vote vient d'être enregistré : rechargez la page et votez à nouveau si besoin.");
        }
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

    /// <summary>
    /// Closes every consultation whose last day has passed, tallies it, moves the sheets it decided on (each decision
    /// linked to its vote), and tells every member the result. Run hourly; closing twice is impossible.
    /// </summary>
    public async Task<int> CloseDueAsync(CancellationToken ct = default)
    {
        var today = Today;
        var due = await db.Set<Consultation>().Where(c => c.Status == ConsultationStatus.Open && c.ClosesOn < today).Select(c => new { c.Id, c.AgreementId }).ToListAsync(ct);
        var closed = 0;
        foreach (var entry in due)
        {
            db.ChangeTracker.Clear();
            var agreement = (await agreements.LoadAsync(entry.AgreementId, ct))!;
            var consultation = (await LoadAsync(entry.AgreementId, entry.Id, ct))!;
            if (consultation.Close(agreement, today).IsFailure)
            {
                continue;
            }

            foreach (var (item, result) in consultation.Items.Zip(consultation.Results))
            {
                if (item.MinutesId is { } minutesId && await db.Minutes.FirstOrDefaultAsync(m => m.Id == minutesId, ct) is { } minutes)
                {
                    var validation = minutes.RecordValidation(agreement, [.. consultation.Ballots.Where(b => b.ItemId == item.Id).Select(b => (b.SeatId, b.Choice))],
                        $"consultation écrite « {consultation.Subject} »", today, consultation.Id);
                    if (validation.IsSuccess && minutes.Status == MinutesStatus.Validated)
                    {
                        var meeting = await db.Meetings.AsNoTracking().FirstAsync(m => m.Id == minutes.MeetingId, ct);
                        var decidedSheets = meeting.Items.Where(i => i.ActionSheetId is not null).Select(i => i.ActionSheetId!.Value).ToList();
                        var carriers = await db.ActionSheets.AsNoTracking().Where(x => decidedSheets.Contains(x.Id)).Select(x => x.CarrierOrganisation).Distinct().ToListAsync(ct);
                        await committeeNotices.MinutesValidatedAsync(agreement, meeting, minutes, carriers, ct);
                    }

                    continue;
                }

                if (item.ActionSheetId is not { } sheetId || result.SheetOutcome is not { } outcome)
                {
                    continue;
                }

                var sheet = await db.ActionSheets.AsSplitQuery().FirstAsync(s => s.Id == sheetId, ct);
                var reference = $"Consultation écrite « {consultation.Subject} », close le {FrenchText.Date(consultation.ClosesOn)}";
                if (await committeeDecisions.ApplyVoteAsync(agreement, sheet, ItemVote.MatterOf(item.Kind), outcome, consultation.ClosesOn, reference, result.Id, today, ct) is { } notApplied)
                {
                    consultation.RecordDecisionNotApplied(result.Id, notApplied);
                }
            }

            var summary = string.Join("\n", consultation.Items.Zip(consultation.Results).Select(x =>
                $"{x.First.Position}. {x.First.Title} : {x.Second.Explanation}{(x.Second.DecisionNotApplied is { } why ? $" — décision sans effet sur la fiche : {why}" : "")}"));
            await notifier.NotifyAsync(new Notice($"consultation:{consultation.Id}:result", agreement.Id, agreement.Reference, NoticeKind.Event,
                    $"Résultat de la consultation écrite : {consultation.Subject}", summary, ConsultationPath(agreement.Id, consultation.Id)),
                await notifier.MembersAsync(agreement.Id, m => m.Role is AgreementRole.CommitteeMember or AgreementRole.Secretariat or AgreementRole.ReviewingDirectorate, ct), ct);
            try
            {
                await db.SaveChangesAsync(ct);
                closed++;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another instance closed it first.
                db.ChangeTracker.Clear();
            }
        }

        return closed;
    }

    private static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
