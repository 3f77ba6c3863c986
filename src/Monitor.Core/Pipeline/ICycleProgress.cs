namespace NewsMonitor.Pipeline;

/// <summary>The stages of one cycle, in the order <see cref="CycleRunner"/> runs them.</summary>
public enum CycleStage
{
    Polling,
    Matching,
    Digests,
}

/// <summary>
/// Where a cycle says how far it got, for a person watching a long one (run-once's progress line). Optional: the
/// pipeline calls it through a null check, so a cycle nobody watches pays nothing. Called from concurrent polls.
/// </summary>
public interface ICycleProgress
{
    /// <summary>A stage begins; <paramref name="total"/> is how many feeds it polls (0 when not counted).</summary>
    void StageStarted(CycleStage stage, int total);

    /// <summary>A feed's fetch begins (its URL names it while the cycle waits on it).</summary>
    void FeedStarted(string feedId, string url);

    void FeedFinished(PollOutcome outcome);

    /// <summary>A batch of articles went through matching.</summary>
    void ArticlesMatched(int articles);
}
