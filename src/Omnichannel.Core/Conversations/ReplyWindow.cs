using Omnichannel.Inboxes;

namespace Omnichannel.Conversations;

/// <summary>What an agent may send to the customer right now.</summary>
public enum ReplyAllowance
{
    /// <summary>Any message (inside the window, or a channel without one).</summary>
    FreeForm,

    /// <summary>Free-form only with a tag that says a human answers (Instagram HUMAN_AGENT, up to 7 days).</summary>
    HumanAgentTag,

    /// <summary>Only an approved message template (WhatsApp outside the 24-hour window).</summary>
    TemplateOnly,

    /// <summary>Nothing the provider would accept until the customer writes again (Instagram after 7 days).</summary>
    Nothing,
}

/// <summary>
/// A channel's customer-service window: free-form replies for <see cref="Length"/> after the
/// customer's last message; then, for <see cref="TaggedLength"/> in all, with a human-agent tag;
/// after that only what <see cref="Outside"/> says.
/// </summary>
public sealed record ReplyWindowPolicy(TimeSpan Length, ReplyAllowance Outside, TimeSpan? TaggedLength = null);

/// <summary>The window of one conversation at one instant. <see cref="EndsAt"/> is when free-form replies stop (or stopped).</summary>
public sealed record ReplyWindowState(ReplyAllowance Allowance, DateTimeOffset? EndsAt)
{
    public static readonly ReplyWindowState Unlimited = new(ReplyAllowance.FreeForm, null);

    public bool AllowsFreeForm => Allowance == ReplyAllowance.FreeForm;

    public bool AllowsTemplatesOnly => Allowance == ReplyAllowance.TemplateOnly;
}

/// <summary>
/// The customer-service window rule (shared/docs/channels.md §1.11, §2.3). WhatsApp: free-form
/// replies for 24 h after the customer's last message, then only templates. Instagram: 24 h, then up
/// to 7 days with the HUMAN_AGENT tag, then nothing. Channels without a
/// policy (web chat, e-mail) are always open. A channel is added with one line in <see cref="Policies"/>.
/// </summary>
public static class ReplyWindow
{
    public static readonly TimeSpan WhatsAppLength = TimeSpan.FromHours(24);

    private static readonly Dictionary<ChannelType, ReplyWindowPolicy> Policies = new()
    {
        [ChannelType.WhatsApp] = new(WhatsAppLength, ReplyAllowance.TemplateOnly),
        [ChannelType.Instagram] = new(TimeSpan.FromHours(24), ReplyAllowance.Nothing, TaggedLength: TimeSpan.FromDays(7)),
    };

    public static ReplyWindowPolicy? PolicyFor(ChannelType channel) => Policies.GetValueOrDefault(channel);

    /// <summary>
    /// The window is [last customer message, last + length): at exactly 24 h it is closed, as Meta
    /// counts it. A conversation the customer never wrote in has no open window.
    /// </summary>
    public static ReplyWindowState For(ChannelType channel, DateTimeOffset? lastCustomerMessageAt, DateTimeOffset now)
    {
        if (PolicyFor(channel) is not { } policy)
        {
            return ReplyWindowState.Unlimited;
        }

        if (lastCustomerMessageAt is not { } last)
        {
            return new ReplyWindowState(policy.Outside, null);
        }

        var endsAt = last + policy.Length;
        if (now < endsAt)
        {
            return new ReplyWindowState(ReplyAllowance.FreeForm, endsAt);
        }

        if (policy.TaggedLength is { } tagged && now < last + tagged)
        {
            return new ReplyWindowState(ReplyAllowance.HumanAgentTag, endsAt);
        }

        return new ReplyWindowState(policy.Outside, endsAt);
    }

    /// <summary>When replies with the human-agent tag stop (Instagram: 7 days after the customer's last message); null where there is no such period.</summary>
    public static DateTimeOffset? HumanAgentTagEndsAt(ChannelType channel, DateTimeOffset? lastCustomerMessageAt) =>
        PolicyFor(channel)?.TaggedLength is { } tagged && lastCustomerMessageAt is { } last ? last + tagged : null;
}
