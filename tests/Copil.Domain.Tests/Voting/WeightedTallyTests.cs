using Copil.Domain.Voting;

namespace Copil.Domain.Tests.Voting;

/// <summary>Art. 13 of the seed: decisions at the absolute majority of the votes cast; seats weighted 1 + 1 (OPCO) … as data.</summary>
public class WeightedTallyTests
{
    private static readonly Guid Opco1 = Guid.NewGuid();
    private static readonly Guid Opco2 = Guid.NewGuid();
    private static readonly Guid Menjs = Guid.NewGuid();
    private static readonly Guid Mesri = Guid.NewGuid();

    // The seed's 4 seats: 2 OPCO seats worth 2 votes together, 1 MENJS, 1 MESRI.
    private static readonly Dictionary<string, (Guid Id, int Weight)> Seats = new()
    {
        ["opco1"] = (Opco1, 1),
        ["opco2"] = (Opco2, 1),
        ["menjs"] = (Menjs, 1),
        ["mesri"] = (Mesri, 1),
    };

    private const int Total = 4;

    private static List<SeatVote> Votes(string spec) =>
        spec.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('='))
            .Select(p => new SeatVote(Seats[p[0]].Id, p[0].ToUpperInvariant(), Seats[p[0]].Weight,
                p[1] switch { "pour" => VoteChoice.For, "contre" => VoteChoice.Against, _ => VoteChoice.Abstain }))
            .ToList();

    [Theory]
    [InlineData("opco1=pour opco2=pour menjs=pour mesri=pour", TallyOutcome.Adopted, 4, 0, 0)]
    [InlineData("opco1=pour opco2=pour menjs=pour mesri=contre", TallyOutcome.Adopted, 3, 1, 0)]
    // 2 against 2: half is not more than half
    [InlineData("opco1=pour opco2=pour menjs=contre mesri=contre", TallyOutcome.Rejected, 2, 2, 0)]
    // abstentions are not votes cast: 2 for, 1 against of 3 cast → adopted
    [InlineData("opco1=pour opco2=pour menjs=contre mesri=abstention", TallyOutcome.Adopted, 2, 1, 1)]
    // the two OPCO seats may vote differently
    [InlineData("opco1=pour opco2=contre menjs=pour mesri=abstention", TallyOutcome.Adopted, 2, 1, 1)]
    [InlineData("opco1=pour opco2=contre menjs=abstention mesri=abstention", TallyOutcome.Rejected, 1, 1, 2)]
    // a single vote cast decides
    [InlineData("opco1=pour opco2=abstention menjs=abstention mesri=abstention", TallyOutcome.Adopted, 1, 0, 3)]
    [InlineData("opco1=abstention opco2=abstention menjs=abstention mesri=abstention", TallyOutcome.NoVoteCast, 0, 0, 4)]
    [InlineData("", TallyOutcome.NoVoteCast, 0, 0, 0)]
    public void The_absolute_majority_of_weighted_votes_cast_decides(string votes, TallyOutcome outcome, int forW, int againstW, int abstainW)
    {
        var result = WeightedTally.Count(Votes(votes), Total, Total, MajorityRule.AbsoluteMajorityOfVotesCast("art. 13"));

        Assert.Equal(outcome, result.Outcome);
        Assert.Equal(forW, result.ForWeight);
        Assert.Equal(againstW, result.AgainstWeight);
        Assert.Equal(abstainW, result.AbstainWeight);
    }

    [Fact]
    public void Weights_count_not_heads()
    {
        var votes = new List<SeatVote>
        {
            new(Opco1, "OPCO", 2, VoteChoice.For),
            new(Menjs, "MENJS", 1, VoteChoice.Against),
        };

        var result = WeightedTally.Count(votes, 4, 3, MajorityRule.AbsoluteMajorityOfVotesCast("art. 13"));

        Assert.Equal(TallyOutcome.Adopted, result.Outcome);
        Assert.Equal("Adopté : 2 voix pour, 1 voix contre ; la majorité absolue exige plus de la moitié des 3 voix exprimées (art. 13 : majorité absolue des voix exprimées, abstentions non comptées).", result.Explanation);
    }

    [Fact]
    public void A_tie_is_rejected_and_the_sentence_names_the_rule()
    {
        var result = WeightedTally.Count(Votes("opco1=pour opco2=pour menjs=contre mesri=contre"), Total, Total, MajorityRule.AbsoluteMajorityOfVotesCast("art. 13"));

        Assert.Equal("Rejeté : égalité, 2 voix pour, 2 voix contre ; la majorité absolue exige plus de la moitié des 4 voix exprimées (art. 13 : majorité absolue des voix exprimées, abstentions non comptées).", result.Explanation);
    }

    [Fact]
    public void Abstentions_are_named_as_not_counted()
    {
        var result = WeightedTally.Count(Votes("opco1=pour opco2=pour menjs=contre mesri=abstention"), Total, Total, MajorityRule.AbsoluteMajorityOfVotesCast("art. 13"));

        Assert.Equal("Adopté : 2 voix pour, 1 voix contre, 1 voix d'abstention (non comptée) ; la majorité absolue exige plus de la moitié des 3 voix exprimées (art. 13 : majorité absolue des voix exprimées, abstentions non comptées).", result.Explanation);
    }

    [Fact]
    public void No_vote_cast_means_no_decision()
    {
        var result = WeightedTally.Count(Votes("menjs=abstention"), Total, Total, MajorityRule.AbsoluteMajorityOfVotesCast("art. 13"));

        Assert.False(result.IsDecision);
        Assert.StartsWith("Aucune décision : aucune voix exprimée", result.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pour", TallyOutcome.Adopted)]
    [InlineData("contre", TallyOutcome.Rejected)]
    public void A_casting_vote_breaks_a_tie_only_when_the_agreement_provides_one(string castingChoice, TallyOutcome expected)
    {
        var other = castingChoice == "pour" ? "contre" : "pour";
        var rule = new MajorityRule("art. 13", CastingVoteSeatId: Opco1);

        var result = WeightedTally.Count(Votes($"opco1={castingChoice} menjs={other}"), Total, Total, rule);

        Assert.Equal(expected, result.Outcome);
        Assert.Contains("voix prépondérante de OPCO1", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_casting_vote_does_not_overturn_a_clear_majority()
    {
        var rule = new MajorityRule("art. 13", CastingVoteSeatId: Opco1);

        var result = WeightedTally.Count(Votes("opco1=contre opco2=pour menjs=pour"), Total, Total, rule);

        Assert.Equal(TallyOutcome.Adopted, result.Outcome);
    }

    [Theory]
    [InlineData(2, TallyOutcome.Adopted)]
    [InlineData(1, TallyOutcome.QuorumNotReached)]
    public void A_quorum_applies_only_when_the_agreement_sets_one(int presentWeight, TallyOutcome expected)
    {
        var rule = new MajorityRule("art. 13", QuorumBasisPoints: 5000);

        var result = WeightedTally.Count(Votes("opco1=pour"), Total, presentWeight, rule);

        Assert.Equal(expected, result.Outcome);
    }

    [Fact]
    public void A_quorum_failure_is_explained()
    {
        var result = WeightedTally.Count(Votes("opco1=pour"), Total, 1, new MajorityRule("art. 13", QuorumBasisPoints: 5000));

        Assert.Equal("Aucune décision : quorum non atteint, 1 voix présentes ou représentées sur 4 voix, alors que le quorum exige 50 % des voix (art. 13).", result.Explanation);
    }

    [Fact]
    public void A_seat_votes_once()
    {
        var votes = Votes("opco1=pour").Concat(Votes("opco1=contre")).ToList();

        Assert.Throws<ArgumentException>(() => WeightedTally.Count(votes, Total, Total, MajorityRule.AbsoluteMajorityOfVotesCast("art. 13")));
    }
}
