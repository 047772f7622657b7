using Copil.Domain.Access;
using Copil.Domain.Actions;
using Copil.Domain.Agreements;
using Copil.Domain.Committee;
using Copil.Domain.Common;
using Copil.Domain.DueDates;
using Copil.Domain.Reporting;
using Copil.Domain.WorkQueues;
using Copil.Web.Data;
using Copil.Web.Features.DueDates;
using Copil.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Copil.Web.Features.Home;

/// <summary>A person's work queue, with what it was computed from (the home page shows their due dates too).</summary>
public sealed record MyWorkView(IReadOnlyList<WorkTask> Tasks, IReadOnlyList<DueItem> MyDueDates, IReadOnlyDictionary<Guid, Agreement> Agreements, DateOnly Today)
{
    public (int All, int Late) Counts => WorkQueue.Counts([.. Tasks], Today);

    public string ReferenceOf(Guid agreementId) => Agreements.TryGetValue(agreementId, out var a) ? a.Reference : "";
}

/// <summary>
/// Gathers what waits for a person across all their agreements (the domain's <see cref="WorkQueue"/> sorts it): their
/// due dates, and what the product's state says without a date — sheets to complete, opinions to give, a « réservé »
/// opinion to answer, tools to approve, documents to read before a meeting, and for the secretariat a ceiling about to
/// be passed. A fixed number of queries, whatever the number of agreements and sheets.
/// </summary>
public sealed class MyWork(CopilDbContext db, Agreements.AgreementReader reader, Echeancier echeancier, ActionSheets.WorkQueue sheetCounts, TimeProvider clock, IMemoryCache cache)
{
    private static string CountKey(string userId) => $"work-count:{userId}";

    /// <summary>The header's counts, kept a minute per person (every page shows them); null when not known yet.</summary>
    public (int All, int Late)? CachedCounts(string userId) => cache.TryGetValue(CountKey(userId), out (int, int) counts) ? counts : null;

    /// <summary>Forgets a person's counts: they acted, the next page computes them again.</summary>
    public void Forget(string userId) => cache.Remove(CountKey(userId));

    public async Task<(int All, int Late)> CountsAsync(string userId, CancellationToken ct)
    {
        if (CachedCounts(userId) is { } known)
        {
            return known;
        }

        var memberships = await db.Memberships.AsNoTracking().Where(m => m.UserId == userId).ToListAsync(ct);
        return (await ForAsync(userId, memberships, null, ct)).Counts;
    }

    /// <param name="loaded">Agreements the caller has already read, untracked (the home page); the others are read here.</param>
    public async Task<MyWorkView> ForAsync(string userId, IReadOnlyList<Membership> memberships, IReadOnlyList<Agreement>? loaded, CancellationToken ct)
    {
        var today = clock.TodayInParis();
        var ids = memberships.Select(m => m.AgreementId).ToHashSet();
        var agreements = (loaded?.Where(a => ids.Contains(a.Id)).ToList() is { } given && given.Count == ids.Count ? given : ids.Count == 0 ? [] : await reader.LoadManyAsync(ids, ct))
            .ToDictionary(a => a.Id);
        var due = agreements.Count == 0 ? [] : await echeancier.ForLoadedAsync([.. agreements.Values], DueScope.Mine(memberships), ct: ct);

        var undated = new List<WorkTask>();
        foreach (var count in await sheetCounts.ForAsync(memberships, ct))
        {
            undated.Add(new WorkTask($"count:{count.AgreementId}:{count.Label}", count.AgreementId, $"{FrenchText.Capitalise(count.Label)} : {count.Count}", null, null, count.Url, count.Count));
        }

        var grouped = new HashSet<string>(StringComparer.Ordinal);
        await OpinionsAsync(memberships, agreements, undated, grouped, ct);
        await ReservedOpinionsAsync(memberships, agreements, undated, ct);
        await ToolsToApproveAsync(memberships, agreements, undated, ct);
        await DocumentsToReadAsync(memberships, agreements, today, undated, ct);
        await CeilingsAsync(memberships, agreements, today, undated, ct);

        var tasks = WorkQueue.Build(due, undated, today, id => agreements.TryGetValue(id, out var a) ? a.LastDayInForce : null, DueLinks.PathOf, grouped);
        var view = new MyWorkView(tasks, due, agreements, today);
        cache.Set(CountKey(userId), view.Counts, TimeSpan.FromMinutes(1));
        return view;
    }

    /// <summary>Each sheet in review that waits for the opinion of a ministry the person reviews for, dated when the agreement sets a delay.</summary>
    private async Task OpinionsAsync(IReadOnlyList<Membership> memberships, Dictionary<Guid, Agreement> agreements, List<WorkTask> queue, HashSet<string> grouped, CancellationToken ct)
    {
        var reviewing = memberships.Where(m => m.Role == AgreementRole.ReviewingDirectorate && m.PartyId is not null).ToList();
        if (reviewing.Count == 0)
        {
            return;
        }

        var ids = reviewing.Select(m => m.AgreementId).Distinct().ToList();
        var sheets = await db.ActionSheets.AsNoTracking()
            .Where(s => ids.Contains(s.AgreementId) && (s.Status == ActionStatus.Submitted || s.Status == ActionStatus.UnderReview))
            .Select(ActionSheetDueDateProvider.DueFactsOf).ToListAsync(ct);
        var tasks = new List<WorkTask>();
        foreach (var (agreementId, sheet) in sheets.Select(s => (s.AgreementId, s.Facts)))
        {
            if (!agreements.TryGetValue(agreementId, out var agreement) || sheet.ReviewVersionNumber is not { } version)
            {
                continue;
            }

            foreach (var party in reviewing.Where(m => m.AgreementId == agreementId).Select(m => agreement.PartyById(m.PartyId!.Value)).OfType<Party>().DistinctBy(p => p.Id))
            {
                if (sheet.PartiesWithOpinionOnReview.Contains(party.Id))
                {
                    continue;
                }

                var dueOn = sheet.ReviewSubmittedOn is { } submitted ? ActionSheetDueDates.OpinionDueOn(agreement, submitted) : null;
                tasks.Add(new WorkTask($"sheet:{sheet.Id}:opinion:{version}:{party.Id}", agreementId,
                    $"Avis {ActionLabels.OfParty(party)} sur la fiche n° {sheet.Number} « {sheet.Title} » (version {version})", dueOn,
                    dueOn is null ? "art. 14 : chaque ministère concerné rend un avis sur la fiche (la convention ne fixe pas de délai)" : null,
                    $"/conventions/{agreementId}/fiches/{sheet.Id}"));
            }
        }

        // Many sheets waiting in one agreement (a campaign): one line with the earliest date, linking to the filtered list.
        foreach (var group in tasks.GroupBy(t => t.AgreementId))
        {
            if (group.Count() <= WorkQueue.MostListedOneByOne)
            {
                queue.AddRange(group);
                continue;
            }

            grouped.UnionWith(group.Select(t => t.Key));
            var first = group.Where(t => t.DueOn is not null).Select(t => t.DueOn).Min();
            queue.Add(new WorkTask($"opinions:{group.Key}", group.Key, $"Avis à rendre sur les fiches en instruction : {group.Count()}", first,
                first is null ? "art. 14 : chaque ministère concerné rend un avis sur la fiche" : "délai fixé par la convention pour rendre un avis (date de la plus ancienne)",
                $"/conventions/{group.Key}/fiches?avis=true", group.Count()));
        }
    }

    /// <summary>A carrier's sheet whose version in review received a « réservé » opinion: its recommendations wait for an answer.</summary>
    private async Task ReservedOpinionsAsync(IReadOnlyList<Membership> memberships, Dictionary<Guid, Agreement> agreements, List<WorkTask> tasks, CancellationToken ct)
    {
        var carrying = memberships.Where(m => m.Role == AgreementRole.ActionCarrier && m.Organisation is not null).ToList();
        if (carrying.Count == 0)
        {
            return;
        }

        var ids = carrying.Select(m => m.AgreementId).Distinct().ToList();
        var organisations = carrying.Select(m => m.Organisation!).Distinct().ToList();
        // The opinions' version is compared here: a filter on the outer row inside the collection needs APPLY, which SQLite lacks.
        var sheets = await db.ActionSheets.AsNoTracking()
            .Where(s => ids.Contains(s.AgreementId) && organisations.Contains(s.CarrierOrganisation)
                && (s.Status == ActionStatus.Submitted || s.Status == ActionStatus.UnderReview || s.Status == ActionStatus.ReadyForCommittee)
                && s.Opinions.Any(o => o.Verdict == OpinionVerdict.Reserved))
            .Select(s => new { s.Id, s.AgreementId, s.Number, s.Title, s.CarrierOrganisation, s.ReviewVersionNumber, Reserved = s.Opinions.Where(o => o.Verdict == OpinionVerdict.Reserved).Select(o => new { o.PartyId, o.VersionNumber }).ToList() })
            .ToListAsync(ct);
        var reserved = sheets.SelectMany(s => s.Reserved.Where(o => o.VersionNumber == s.ReviewVersionNumber)
            .Select(o => new { s.Id, s.AgreementId, s.Number, s.Title, s.CarrierOrganisation, o.PartyId, o.VersionNumber }));
        foreach (var r in reserved.Where(r => carrying.Any(m => m.AgreementId == r.AgreementId && string.Equals(m.Organisation, r.CarrierOrganisation, StringComparison.OrdinalIgnoreCase))))
        {
            var party = agreements.TryGetValue(r.AgreementId, out var a) ? a.PartyById(r.PartyId) : null;
            tasks.Add(new WorkTask($"sheet:{r.Id}:reserved:{r.VersionNumber}:{r.PartyId}", r.AgreementId,
                $"Avis réservé {(party is null ? "d'un ministère" : ActionLabels.OfParty(party))} sur la fiche n° {r.Number} « {r.Title} » : lire les recommandations et y répondre",
                null, "art. 14 : un avis réservé indique les recommandations qui le rendraient favorable", $"/conventions/{r.AgreementId}/fiches/{r.Id}#prochaine-etape"));
        }
    }

    /// <summary>A digital tool whose sheets are complete and wait for the approval of a ministry the person reviews for (art. 12).</summary>
    private async Task ToolsToApproveAsync(IReadOnlyList<Membership> memberships, Dictionary<Guid, Agreement> agreements, List<WorkTask> tasks, CancellationToken ct)
    {
        var reviewing = memberships.Where(m => m.Role == AgreementRole.ReviewingDirectorate && m.PartyId is not null).ToList();
        if (reviewing.Count == 0)
        {
            return;
        }

        var ids = reviewing.Select(m => m.AgreementId).Distinct().ToList();
        var tools = await db.DigitalTools.AsNoTracking().Where(t => ids.Contains(t.AgreementId) && t.OnlineOn == null).ToListAsync(ct);
        foreach (var tool in tools)
        {
            if (!agreements.TryGetValue(tool.AgreementId, out var agreement) || !tool.Gdpr.IsComplete || !tool.Algorithm.IsComplete)
            {
                continue;
            }

            foreach (var partyId in reviewing.Where(m => m.AgreementId == tool.AgreementId).Select(m => m.PartyId!.Value).Distinct())
            {
                if (tool.CurrentAnswerOf(partyId) is null && agreement.PartyById(partyId) is { IsState: true } party)
                {
                    tasks.Add(new WorkTask($"tool:{tool.Id}:approval:{tool.SheetsRevision}:{partyId}", tool.AgreementId,
                        $"Accord {ActionLabels.OfParty(party)} sur l'outil numérique « {tool.Name} » (fiches RGPD et de transparence)", null,
                        "art. 12 : un outil financé n'est mis en ligne qu'avec l'accord des ministères", $"/conventions/{tool.AgreementId}/outils/{tool.Id}"));
                }
            }
        }
    }

    /// <summary>For a member: the working documents of a convened meeting still to come (art. 14).</summary>
    private async Task DocumentsToReadAsync(IReadOnlyList<Membership> memberships, Dictionary<Guid, Agreement> agreements, DateOnly today, List<WorkTask> tasks, CancellationToken ct)
    {
        var ids = memberships.Where(m => m.Role == AgreementRole.CommitteeMember).Select(m => m.AgreementId).Distinct().ToList();
        if (ids.Count == 0)
        {
            return;
        }

        var meetings = await db.Meetings.AsNoTracking()
            .Where(m => ids.Contains(m.AgreementId) && m.Status == MeetingStatus.Convened && m.MeetsOn >= today)
            .Select(m => new { m.Id, m.AgreementId, m.Kind, m.MeetsOn, Documents = db.Set<Committee.MeetingDocument>().Count(d => d.MeetingId == m.Id) })
            .ToListAsync(ct);
        foreach (var m in meetings.Where(m => m.Documents > 0 && agreements.ContainsKey(m.AgreementId)))
        {
            tasks.Add(new WorkTask($"meeting:{m.Id}:read", m.AgreementId,
                $"Lire les documents de travail ({m.Documents}) du {Meeting.KindLabel(m.Kind).ToLowerInvariant()} du {FrenchText.Date(m.MeetsOn)}", m.MeetsOn,
                $"{agreements[m.AgreementId].Terms.DocumentsLeadArticle} : documents adressés aux membres avant la réunion", $"/conventions/{m.AgreementId}/comite/{m.Id}#documents"));
        }
    }

    /// <summary>For the secretariat: this year's committed money at or above nine tenths of the ceiling (art. 16).</summary>
    private async Task CeilingsAsync(IReadOnlyList<Membership> memberships, Dictionary<Guid, Agreement> agreements, DateOnly today, List<WorkTask> tasks, CancellationToken ct)
    {
        var year = today.Year;
        var capped = memberships.Where(m => m.Role == AgreementRole.Secretariat).Select(m => m.AgreementId).Distinct()
            .Where(id => agreements.TryGetValue(id, out var a) && Reporting.ReportingQueries.Ceiling(a, year) is not null && a.IsInForceOn(today)).ToList();
        if (capped.Count == 0)
        {
            return;
        }

        var figures = await db.ActionSheets.AsNoTracking().Where(s => capped.Contains(s.AgreementId) && s.BudgetYear == year)
            .Select(s => new { s.AgreementId, s.Figures }).ToListAsync(ct);
        foreach (var id in capped)
        {
            var agreement = agreements[id];
            var money = YearMoney.Compute(year, Reporting.ReportingQueries.Ceiling(agreement, year), figures.Where(f => f.AgreementId == id && f.Figures is not null).Select(f => f.Figures!));
            if (money.NearOrOverCeiling && money.CommittedShareBasisPoints is { } share)
            {
                tasks.Add(new WorkTask($"ceiling:{id}:{year}", id,
                    $"Plafond {year} {(money.OverCeiling ? "dépassé" : "presque atteint")} : {FrenchText.Euros(money.CommittedCents)} engagés sur {FrenchText.Euros(money.CeilingCents!.Value)} ({FrenchText.Percent(share)})",
                    null, $"{agreement.Terms.ManagementFeeArticle} : plafond annuel des financements", $"/conventions/{id}/tableau-de-bord?annee={year}")
                { IsAlert = true });
            }
        }
    }
}
