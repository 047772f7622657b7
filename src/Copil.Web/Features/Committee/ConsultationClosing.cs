using Copil.Domain.Access;
using Copil.Domain.Committee;
using Copil.Domain.Common;
using Copil.Domain.Notifications;
using Copil.Web.Data;
using Copil.Web.Features.ActionSheets;
using Copil.Web.Features.Agreements;
using Copil.Web.Features.Notifications;
using Copil.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.Committee;

/// <summary>The closing job of written consultations (art. 13, 14): tally after the last day, apply, tell everyone.</summary>
public sealed class ConsultationClosing(CopilDbContext db, AgreementReader agreements, Notifier notifier, CommitteeDecisions committeeDecisions, CommitteeNotices committeeNotices, TimeProvider clock)
{
    public DateOnly Today => clock.TodayInParis();

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
            var consultation = await db.Set<Consultation>().FirstAsync(c => c.Id == entry.Id, ct);
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
                    $"Résultat de la consultation écrite : {consultation.Subject}", summary, ConsultationCommands.ConsultationPath(agreement.Id, consultation.Id)),
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

}
