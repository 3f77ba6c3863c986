namespace NewsMonitor.Pipeline;

/// <summary>Bound from the "Pipeline" configuration section.</summary>
public sealed class PipelineOptions
{
    public const string Section = "Pipeline";

    /// <summary>
    /// Match a feed's new articles inside its poll, from the articles in memory, instead of queueing them for the
    /// match stage (see <see cref="NewArticleHandoff"/>). Off by default (the Functions app and a Server on Azure queues
    /// scale the stages apart); the Server host turns it on for its embedded store and in-process queue.
    /// </summary>
    public bool MatchInPoll { get; set; }
}
