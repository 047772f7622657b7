using System.Globalization;
using Copil.Domain.Common;

namespace Copil.Domain.Voting;

/// <summary>A seat's vote: pour, contre or abstention.</summary>
public enum VoteChoice
{
    For = 0,
    Against = 1,
    Abstain = 2,
}

/// <summary>How the outcome was reached.</summary>
public enum TallyOutcome
{
    /// <summary>Adopté: more than half of the weighted votes cast are for.</summary>
    Adopted = 0,

    /// <summary>Rejeté: the majority is not reached.</summary>
    Rejected = 1,

    /// <summary>No vote was cast (only abstentions, or nobody voted): no decision.</summary>
    NoVoteCast = 2,

    /// <summary>The quorum set by the agreement was not reached: no decision.</summary>
    QuorumNotReached = 3,
}

/// <summary>One seat's vote with the weight the agreement gives it (each seat votes its own weight).</summary>
public sealed record SeatVote(Guid SeatId, string SeatLabel, int Weight, VoteChoice Choice);

/// <summary>
/// The committee's majority rule, as data of each agreement. The seed (art. 13): absolute majority of the
/// votes cast, no quorum, no casting vote.
/// </summary>
/// <param name="Article">Where the agreement states the rule, e.g. "art. 13".</param>
/// <param name="QuorumBasisPoints">Share of the total weight that must be present, in basis points (5000 = half); null for none.</param>
/// <param name="CastingVoteSeatId">The seat whose vote breaks a tie, or null for none.</param>
public sealed record MajorityRule(string Article, int? QuorumBasisPoints = null, Guid? CastingVoteSeatId = null)
{
    public static MajorityRule AbsoluteMajorityOfVotesCast(string article) => new(article);
}

/// <summary>The outcome of a weighted vote with its French explanation.</summary>
public sealed record TallyResult(TallyOutcome Outcome, int ForWeight, int AgainstWeight, int AbstainWeight, string Explanation)
{
    /// <summary>Votes cast exclude abstentions.</summary>
    public int CastWeight => ForWeight + AgainstWeight;

    public bool IsDecision => Outcome is TallyOutcome.Adopted or TallyOutcome.Rejected;
}

/// <summary>
/// The weighted tally of the steering committee: absolute majority of the weighted votes cast
/// ("50 % plus une voix" read as more than half; art. 13 of the seed), abstentions not counted.
/// </summary>
public static class WeightedTally
{
    /// <param name="votes">One vote per seat that voted, abstentions included.</param>
    /// <param name="totalWeight">The weight of every voting seat of the committee.</param>
    /// <param name="presentWeight">The weight of the seats present or represented (used by the quorum only).</param>
    /// <param name="rule">The agreement's majority rule.</param>
    public static TallyResult Count(IReadOnlyCollection<SeatVote> votes, int totalWeight, int presentWeight, MajorityRule rule)
    {
        if (votes.GroupBy(v => v.SeatId).Any(g => g.Count() > 1))
        {
            throw new ArgumentException("A seat votes once.", nameof(votes));
        }

        if (votes.Any(v => v.Weight <= 0))
        {
            throw new ArgumentException("A voting seat has a positive weight.", nameof(votes));
        }

        var forWeight = votes.Where(v => v.Choice == VoteChoice.For).Sum(v => v.Weight);
        var againstWeight = votes.Where(v => v.Choice == VoteChoice.Against).Sum(v => v.Weight);
        var abstainWeight = votes.Where(v => v.Choice == VoteChoice.Abstain).Sum(v => v.Weight);
        var ruleText = $"{rule.Article} : majorité absolue des voix exprimées, abstentions non comptées";

        if (rule.QuorumBasisPoints is { } quorum && (long)presentWeight * 10_000 < (long)quorum * totalWeight)
        {
            return new TallyResult(TallyOutcome.QuorumNotReached, forWeight, againstWeight, abstainWeight,
                $"Aucune décision : quorum non atteint, {Voices(presentWeight)} présentes ou représentées sur {Voices(totalWeight)}, "
                + $"alors que le quorum exige {FrenchText.Percent(quorum)} des voix ({rule.Article}).");
        }

        var cast = forWeight + againstWeight;
        var counts = $"{Voices(forWeight)} pour, {Voices(againstWeight)} contre{AbstentionsText(abstainWeight)}";
        if (cast == 0)
        {
            return new TallyResult(TallyOutcome.NoVoteCast, forWeight, againstWeight, abstainWeight,
                $"Aucune décision : aucune voix exprimée ({counts}) ({ruleText}).");
        }

        var threshold = cast == 1
            ? "la majorité absolue est la seule voix exprimée"
            : $"la majorité absolue exige plus de la moitié des {Voices(cast)} exprimées";
        if (2 * forWeight > cast)
        {
            return new TallyResult(TallyOutcome.Adopted, forWeight, againstWeight, abstainWeight,
                $"Adopté : {counts} ; {threshold} ({ruleText}).");
        }

        if (2 * forWeight == cast && rule.CastingVoteSeatId is { } castingSeat
            && votes.FirstOrDefault(v => v.SeatId == castingSeat) is { Choice: not VoteChoice.Abstain } casting)
        {
            var adopted = casting.Choice == VoteChoice.For;
            return new TallyResult(adopted ? TallyOutcome.Adopted : TallyOutcome.Rejected, forWeight, againstWeight, abstainWeight,
                $"{(adopted ? "Adopté" : "Rejeté")} par la voix prépondérante de {casting.SeatLabel} : égalité, {counts} ({ruleText} ; voix prépondérante prévue par la convention).");
        }

        var tie = 2 * forWeight == cast ? "égalité, " : "";
        return new TallyResult(TallyOutcome.Rejected, forWeight, againstWeight, abstainWeight,
            $"Rejeté : {tie}{counts} ; {threshold} ({ruleText}).");
    }

    private static string Voices(int weight) => $"{weight.ToString(CultureInfo.InvariantCulture)} voix";

    private static string AbstentionsText(int abstainWeight) =>
        abstainWeight switch
        {
            0 => "",
            1 => ", 1 voix d'abstention (non comptée)",
            _ => $", {Voices(abstainWeight)} d'abstention (non comptées)",
        };
}
