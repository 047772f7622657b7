using Copil.Domain.Access;
using Copil.Domain.Actions;
using Copil.Domain.Agreements;
using Copil.Web.Data;

/// <summary>The data the benches seed, written through the domain in batches (a fresh change tracker each time).</summary>
internal static class Seeding
{
    /// <summary><paramref name="count"/> agreements of the seed's shape, each with the secretariat as a member.</summary>
    public static async Task AgreementsAsync(CopilDbContext db, string secretariatId, int count, DateOnly today)
    {
        for (var batch = 0; batch * 50 < count; batch++)
        {
            for (var i = 0; i < 50 && (batch * 50) + i < count; i++)
            {
                var n = (batch * 50) + i;
                var a = Agreement.Create(new AgreementDetails { Reference = $"BENCH-{n:D4}", Title = $"Convention de charge n° {n}", SignedOn = new DateOnly(2018 + (n % 8), 1 + (n % 12), 1 + (n % 28)) }, AgreementTerms.Seed, today).Value;
                var men = a.AddParty(PartyKind.StateMinistry, "Ministère de l'éducation nationale", "MEN", "DGESCO", null).Value;
                var opco = a.AddParty(PartyKind.Opco, $"OPCO {n}", $"OPCO{n}", null, null).Value;
                a.AddSeat(opco.Id, "OPCO 1", null, 1, true);
                a.AddSeat(opco.Id, "OPCO 2", null, 1, false);
                a.AddSeat(men.Id, "MEN", null, 1, false);
                foreach (var (article, title) in DemoData.SeedAxes)
                {
                    a.AddAxis(title, article);
                }

                db.Agreements.Add(a);
                db.Memberships.Add(Membership.Create(a, secretariatId, AgreementRole.Secretariat, null, null, null, []).Value);
            }

            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// <paramref name="count"/> action sheets numbered from <paramref name="firstNumber"/>: nine in ten submitted, a third of
    /// those with one opinion given; 40 carriers, 18 regions, two budget years.
    /// </summary>
    public static async Task SheetsAsync(CopilDbContext db, Agreement agreement, int firstNumber, int count, DateOnly today)
    {
        var axis = agreement.Axes[0].Id;
        var ministry = agreement.Parties.First(p => p.IsState).Id;
        for (var batch = 0; batch * 500 < count; batch++)
        {
            for (var i = 0; i < 500 && (batch * 500) + i < count; i++)
            {
                var n = (batch * 500) + i + 1;
                var content = new ActionSheetContent
                {
                    Title = $"Action de promotion n° {n}",
                    AxisId = axis,
                    Level = ActionLevel.Regional,
                    RegionCodes = [Copil.Domain.Reference.Territories.Regions[n % 18].Code],
                    ContactName = "Contact",
                    ContactEmail = "contact@exemple.fr",
                    Objectives = "Objectifs de l'action.",
                    Description = new string('d', 800),
                    Publics = [new(TargetPublic.HighSchoolPupils, 100 + (n % 50))],
                    FairReach = "Ciblage équitable.",
                    Inclusion = "Mixité et inclusion.",
                    StartsOn = new DateOnly(2025 + (n % 2), 1 + (n % 12), 1),
                    EndsOn = new DateOnly(2025 + (n % 2), 1 + (n % 12), 28),
                    Indicators = [new("Participants", "personnes", 100, "feuilles d'émargement")],
                    Annex = new([new(ExpenseCategory.ExternalServices, "Prestation", 10_000_00 + n, true)], [new(FinancerKind.OpcoMissionFees, "OPCO", 10_000_00 + n)], 0),
                };
                var sheet = ActionSheet.Draft(agreement, firstNumber + n - 1, n % 7 == 0 ? "Campus des métiers et des qualifications (démonstration)" : $"Porteur {n % 40}", content, today).Value;
                if (n % 10 != 0)
                {
                    sheet.Submit(agreement, today);
                    if (n % 3 == 0)
                    {
                        sheet.GiveOpinion(agreement, ministry, OpinionVerdict.Favorable, null, null, today, "bench");
                    }
                }

                db.ActionSheets.Add(sheet);
            }

            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// 200 held meetings (3 points, one vote each) and 5 convened ones ahead; 50,000 notifications for the secretariat
    /// (one in five unread) and 20,000 e-mails in the outbox (2.5 % refused).
    /// </summary>
    public static async Task CommitteeAndMailAsync(CopilDbContext db, Agreement agreement, string secretariatId)
    {
        var seats = agreement.Seats.Select(x => new Copil.Domain.Committee.SeatPresence(x.Id, Copil.Domain.Committee.Presence.Present)).ToList();
        for (var n = 0; n < 205; n++)
        {
            var held = n < 200;
            var meetsOn = held ? new DateOnly(2025, 2, 1).AddDays(n * 3) : DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddDays(30 + n);
            var meeting = Copil.Domain.Committee.Meeting.Plan(agreement, new Copil.Domain.Committee.MeetingDetails
            {
                Kind = (Copil.Domain.Committee.MeetingKind)(n % 3),
                Year = meetsOn.Year,
                MeetsOn = meetsOn,
                Place = "Paris",
                Reason = "Charge",
            }, meetsOn.AddDays(-20)).Value;
            var point = meeting.AddItem(Copil.Domain.Committee.AgendaItemKind.Priorities, "Priorités", null, true).Value;
            meeting.AddItem(Copil.Domain.Committee.AgendaItemKind.Other, "Point d'information", null, false);
            meeting.AddItem(Copil.Domain.Committee.AgendaItemKind.AnnualReport, "Bilan", null, true);
            meeting.Convene(meetsOn.AddDays(-20));
            if (held)
            {
                meeting.RecordAttendance(agreement, seats, [], meetsOn);
                meeting.RecordVote(agreement, point.Id, [.. seats.Select(x => (x.SeatId, Copil.Domain.Voting.VoteChoice.For))], "bench", meetsOn);
                meeting.Close(meetsOn);
            }

            db.Meetings.Add(meeting);
        }

        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        for (var batch = 0; batch < 10; batch++)
        {
            db.AddRange(Enumerable.Range(0, 5_000).Select(i => new Copil.Web.Features.Notifications.Notification
            {
                Id = Guid.CreateVersion7(),
                Key = $"bench:{batch}:{i}",
                UserId = secretariatId,
                AgreementId = agreement.Id,
                Title = $"Avis favorable de MEN sur la fiche n° {i}",
                Body = "MEN a rendu un avis favorable sur la version 1 de la fiche.",
                Link = $"/conventions/{agreement.Id}/echeancier",
                CreatedAtUtc = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes((batch * 5_000) + i),
                ReadAtUtc = i % 5 == 0 ? null : new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            }));
            db.AddRange(Enumerable.Range(0, 2_000).Select(i => new Copil.Web.Features.Notifications.OutboxMessage
            {
                Id = Guid.NewGuid(),
                IdempotencyKey = $"bench:{batch}:{i}",
                AgreementId = agreement.Id,
                ToAddress = $"personne{i % 300}@exemple.fr",
                ToName = $"Personne {i % 300}",
                Subject = $"[DEMO-OPCO-2025] Avis favorable de MEN sur la fiche n° {i}",
                TextBody = new string('x', 600),
                CreatedAtUtc = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes((batch * 2_000) + i),
                NextAttemptAtUtc = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc),
                Status = i % 40 == 0 ? Copil.Web.Features.Notifications.OutboxStatus.Refused : Copil.Web.Features.Notifications.OutboxStatus.Sent,
                LastError = i % 40 == 0 ? "5.1.1 Recipient address rejected" : null,
                Attempts = 1,
            }));
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
    }
}
