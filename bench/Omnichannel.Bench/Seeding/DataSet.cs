using System.Globalization;
using Omnichannel.Conversations;

namespace Omnichannel.Bench.Seeding;

public sealed class ContactRow
{
    public Guid Id { get; set; }

    public required string Name { get; init; }

    public string? Email { get; init; }

    public string? Phone { get; init; }

    public string? PhoneKey { get; init; }

    public string? Notes { get; init; }

    public required string CustomAttributes { get; init; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The normalised WhatsApp number (13 digits) and the spelling WhatsApp reports (often without the ninth digit).</summary>
    public required string Number { get; init; }

    public required string Address { get; init; }

    /// <summary>A business-scoped user id identity, for some contacts ("BR.…").</summary>
    public string? BusinessScopedId { get; init; }

    public double Activity { get; init; }
}

public sealed class ConversationRow
{
    public int Index { get; init; }

    public Guid Id { get; set; }

    public int Contact { get; init; }

    public int Inbox { get; init; }

    public DateTimeOffset Start { get; set; }

    /// <summary>The latest its messages may reach: before the contact's next conversation in the inbox, and before now.</summary>
    public DateTimeOffset SpanEnd { get; set; }

    public ConversationStatus Status { get; set; } = ConversationStatus.Resolved;

    public DateTimeOffset? SnoozedUntil { get; set; }

    /// <summary>Agent index, or -1.</summary>
    public int Assignee { get; set; } = -1;

    /// <summary>Team index, or -1.</summary>
    public int Team { get; set; } = -1;

    public Priority Priority { get; set; }

    public int[] Labels { get; set; } = [];

    /// <summary>Conversation index it was merged into, or -1.</summary>
    public int MergedInto { get; set; } = -1;

    public int MessageCount { get; set; }

    public bool English { get; set; }

    public bool CustomerWaiting { get; set; }

    // Denormalised columns, computed from the generated messages.
    public DateTimeOffset LastActivityAt { get; set; }

    public DateTimeOffset? LastIncomingAt { get; set; }

    public string? LastMessageText { get; set; }

    public MessageDirection? LastMessageDirection { get; set; }

    public DateTimeOffset? LastMessageAt { get; set; }

    /// <summary>Read markers: (user id, last read at).</summary>
    public List<(Guid User, DateTimeOffset At)> Reads { get; } = [];
}

public sealed class MessageRow
{
    public required Guid Id { get; init; }

    public required int Conversation { get; init; }

    public required MessageDirection Direction { get; init; }

    public required MessageKind Kind { get; init; }

    public required string Text { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }

    public Guid? AuthorId { get; init; }

    public DeliveryStatus? Status { get; init; }

    public string? Error { get; init; }

    public string? ProviderMessageId { get; init; }
}

public sealed record SeedSize(int Conversations, int Messages, int Contacts, int Seed);

/// <summary>
/// Generates the bulk of the data set in memory, deterministically from a seed: contacts and their
/// WhatsApp identities, conversations spread over a year (each contact's conversations in an inbox
/// one after another, only the latest unresolved), and every message with consistent timestamps,
/// from which the conversations' denormalised columns and the agents' read markers follow.
/// </summary>
public sealed class DataSet
{
    /// <summary>Target shares of all conversations; the rest is resolved.</summary>
    private const double OpenShare = 0.10, PendingShare = 0.03, SnoozedShare = 0.02;

    private static readonly TimeSpan Year = TimeSpan.FromDays(365);

    private DataSet(Workspace workspace, DateTimeOffset now, ContactRow[] contacts, ConversationRow[] conversations, MessageRow[] messages)
    {
        Workspace = workspace;
        Now = now;
        Contacts = contacts;
        Conversations = conversations;
        Messages = messages;
    }

    public Workspace Workspace { get; }

    public DateTimeOffset Now { get; }

    public ContactRow[] Contacts { get; }

    public ConversationRow[] Conversations { get; }

    /// <summary>All messages, oldest first (the order they would have been inserted in).</summary>
    public MessageRow[] Messages { get; }

    public static DataSet Generate(Workspace workspace, SeedSize size, DateTimeOffset now)
    {
        var random = new Random(size.Seed);
        var contacts = PlanContacts(random, size);
        var conversations = PlanConversations(random, workspace, size, contacts, now);
        var text = new TextGenerator(new Vocabulary());

        // Each conversation's messages come from its own seeded generator: the same data on any core count.
        var perConversation = new MessageRow[conversations.Length][];
        Parallel.For(0, conversations.Length, i =>
            perConversation[i] = GenerateMessages(new Random(unchecked((size.Seed * 1_000_003) + i)), workspace, contacts, conversations[i], text, now));

        var messages = perConversation.SelectMany(m => m).ToArray();
        Array.Sort(messages.Select(m => m.CreatedAt.UtcTicks).ToArray(), messages);
        return new DataSet(workspace, now, contacts, conversations, messages);
    }

    private static ContactRow[] PlanContacts(Random random, SeedSize size)
    {
        var contacts = new ContactRow[size.Contacts];
        for (var i = 0; i < contacts.Length; i++)
        {
            var name = People.FullName(random);
            var number = People.MobileNumber(random, i);
            var typedPhone = random.NextDouble() < 0.15;
            contacts[i] = new ContactRow
            {
                Name = name,
                Email = random.NextDouble() < 0.35 ? People.Email(random, name) : null,
                Phone = typedPhone ? People.Formatted(number) : null,
                PhoneKey = typedPhone ? number : null,
                Notes = random.NextDouble() < 0.03 ? "Prefere contato pela manhã." : null,
                CustomAttributes = random.NextDouble() < 0.1
                    ? string.Create(CultureInfo.InvariantCulture, $$"""{"plano": "{{(random.NextDouble() < 0.3 ? "ouro" : "prata")}}", "cliente_desde": {{random.Next(2015, 2026)}}}""")
                    : "{}",
                Number = number,
                // WhatsApp often reports Brazilian mobiles without the ninth digit.
                Address = random.NextDouble() < 0.3 ? number[..4] + number[5..] : number,
                BusinessScopedId = random.NextDouble() < 0.04 ? string.Create(CultureInfo.InvariantCulture, $"BR.{random.NextInt64(1_000_000_000_000_000, 9_999_999_999_999_999)}") : null,
                // Log-normal activity: most customers write once or twice a year, a few every week.
                Activity = Math.Exp(Normal(random) * 1.0),
            };
        }

        return contacts;
    }

    private static ConversationRow[] PlanConversations(Random random, Workspace workspace, SeedSize size, ContactRow[] contacts, DateTimeOffset now)
    {
        // (contact, inbox) pairs: every contact writes to one inbox, one in five to a second one too.
        var inboxWeights = workspace.Inboxes.Select(i => i.Weight).ToArray();
        var pairs = new List<(int Contact, int Inbox, double Weight)>();
        for (var c = 0; c < contacts.Length; c++)
        {
            var primary = PickWeighted(random, inboxWeights);
            pairs.Add((c, primary, contacts[c].Activity));
            if (random.NextDouble() < 0.2)
            {
                var second = PickWeighted(random, inboxWeights);
                if (second != primary)
                {
                    pairs.Add((c, second, contacts[c].Activity * 0.4));
                }
            }
        }

        var pairWeights = pairs.Select(p => p.Weight).ToArray();
        var cumulative = Cumulative(pairWeights);
        var perPair = new List<int>[pairs.Count];
        var conversations = new ConversationRow[size.Conversations];
        for (var i = 0; i < conversations.Length; i++)
        {
            var pair = PickCumulative(random, cumulative);
            var (contact, inbox, _) = pairs[pair];
            conversations[i] = new ConversationRow { Index = i, Contact = contact, Inbox = inbox, Start = SampleStart(random, now) };
            (perPair[pair] ??= []).Add(i);
        }

        // One pair's conversations follow each other: at least an hour apart, each ending before the next starts.
        var lastOfPair = new List<int>();
        foreach (var list in perPair.Where(l => l is not null))
        {
            list.Sort((a, b) => conversations[a].Start.CompareTo(conversations[b].Start));
            for (var j = 1; j < list.Count; j++)
            {
                var previous = conversations[list[j - 1]].Start;
                if (conversations[list[j]].Start < previous + TimeSpan.FromHours(1))
                {
                    conversations[list[j]].Start = previous + TimeSpan.FromHours(1);
                }
            }

            var overshoot = conversations[list[^1]].Start - (now - TimeSpan.FromMinutes(10));
            if (overshoot > TimeSpan.Zero)
            {
                foreach (var index in list)
                {
                    conversations[index].Start -= overshoot + (random.NextDouble() * TimeSpan.FromHours(2));
                }
            }

            for (var j = 0; j < list.Count; j++)
            {
                var conversation = conversations[list[j]];
                // Log-normal length: median ~3 h, some span days.
                var duration = TimeSpan.FromMinutes(Math.Clamp(180 * Math.Exp(Normal(random) * 1.5), 2, 10 * 24 * 60));
                var limit = j + 1 < list.Count ? conversations[list[j + 1]].Start - TimeSpan.FromMinutes(5) : now - TimeSpan.FromMinutes(1);
                conversation.SpanEnd = conversation.Start + TimeSpan.FromTicks(Math.Max(TimeSpan.FromMinutes(1).Ticks, Math.Min(duration.Ticks, (limit - conversation.Start).Ticks)));
                if (j > 0 && random.NextDouble() < 0.005)
                {
                    // A duplicate conversation someone merged into the contact's next one.
                    conversations[list[j - 1]].MergedInto = list[j];
                }
            }

            lastOfPair.Add(list[^1]);
        }

        // Only the latest conversation of a pair can be unresolved (one active per contact and inbox).
        // The most recent are the likeliest to be open; a tail of stale ones stays open for weeks.
        var candidates = lastOfPair
            .Where(i => conversations[i].MergedInto < 0)
            .Select(i => (Index: i, Score: Math.Exp(-(now - conversations[i].Start).TotalDays / 20) * (0.2 + random.NextDouble())))
            .OrderByDescending(c => c.Score)
            .ToList();
        var unresolved = (int)Math.Round(size.Conversations * (OpenShare + PendingShare + SnoozedShare));
        foreach (var (index, _) in candidates.Take(unresolved))
        {
            var roll = random.NextDouble() * (OpenShare + PendingShare + SnoozedShare);
            var conversation = conversations[index];
            conversation.Status = roll < OpenShare ? ConversationStatus.Open : roll < OpenShare + PendingShare ? ConversationStatus.Pending : ConversationStatus.Snoozed;
            if (conversation.Status == ConversationStatus.Snoozed)
            {
                // Far enough ahead that the snooze alarm leaves a reused data set alone for a while.
                conversation.SnoozedUntil = now + TimeSpan.FromDays(30 + random.Next(0, 335));
            }

            conversation.CustomerWaiting = conversation.Status == ConversationStatus.Open && random.NextDouble() < 0.6;
        }

        var agentLoad = Enumerable.Range(0, workspace.Agents.Count).Select(_ => 0.5 + random.NextDouble()).ToArray();
        var labelWeights = workspace.Labels.Select(l => l.Weight).ToArray();
        foreach (var conversation in conversations)
        {
            var assigned = conversation.Status switch
            {
                ConversationStatus.Open => 0.8,
                ConversationStatus.Resolved => 0.97,
                _ => 0.95,
            };
            if (random.NextDouble() < assigned)
            {
                var members = workspace.InboxMembers[conversation.Inbox];
                conversation.Assignee = members[PickWeighted(random, [.. members.Select(m => agentLoad[m])])];
            }

            if (workspace.TeamOfInbox[conversation.Inbox] is var team and >= 0 && random.NextDouble() < 0.45)
            {
                conversation.Team = team;
            }

            var priority = random.NextDouble();
            conversation.Priority = priority < 0.85 ? Priority.None : priority < 0.9 ? Priority.Low : priority < 0.95 ? Priority.Medium : priority < 0.99 ? Priority.High : Priority.Urgent;
            var labels = random.NextDouble();
            conversation.Labels = labels < 0.62 ? [] : labels < 0.92 ? [PickWeighted(random, labelWeights)] : [.. new[] { PickWeighted(random, labelWeights), PickWeighted(random, labelWeights) }.Distinct()];
            conversation.English = random.NextDouble() < 0.04;
        }

        // Messages per conversation: log-normal around the mean, at least one, summing exactly to the target.
        var weights = conversations.Select(_ => Math.Exp(Normal(random) * 0.75)).ToArray();
        var scale = size.Messages / weights.Sum();
        var minimum = size.Messages >= 2 * size.Conversations ? 2 : 1;
        for (var i = 0; i < conversations.Length; i++)
        {
            conversations[i].MessageCount = Math.Max(minimum, (int)Math.Round(weights[i] * scale));
        }

        var difference = size.Messages - conversations.Sum(c => c.MessageCount);
        while (difference != 0)
        {
            var conversation = conversations[random.Next(conversations.Length)];
            if (difference > 0)
            {
                conversation.MessageCount++;
                difference--;
            }
            else if (conversation.MessageCount > minimum)
            {
                conversation.MessageCount--;
                difference++;
            }
        }

        foreach (var conversation in conversations)
        {
            conversation.Id = Guid.CreateVersion7(conversation.Start);
            var contact = contacts[conversation.Contact];
            if (contact.CreatedAt == default || conversation.Start < contact.CreatedAt)
            {
                contact.CreatedAt = conversation.Start - TimeSpan.FromSeconds(random.Next(1, 300));
            }
        }

        foreach (var contact in contacts)
        {
            if (contact.CreatedAt == default)
            {
                contact.CreatedAt = now - (random.NextDouble() * Year);
            }

            contact.Id = Guid.CreateVersion7(contact.CreatedAt);
        }

        return conversations;
    }

    /// <summary>
    /// One conversation's thread: the customer opens it, it may be routed and labelled, customer and
    /// agent take turns (with the odd private note), and it ends with its status change. Gaps are
    /// squeezed to fit the conversation's span.
    /// </summary>
    private static MessageRow[] GenerateMessages(Random random, Workspace workspace, ContactRow[] contacts, ConversationRow conversation, TextGenerator text, DateTimeOffset now)
    {
        var agents = workspace.Agents;
        var members = workspace.InboxMembers[conversation.Inbox];
        var author = conversation.Assignee >= 0 ? conversation.Assignee : members[random.Next(members.Length)];
        var authorName = agents[author].Name;
        var supervisorName = workspace.Supervisors[0].Name;
        var topic = new ConversationTopic(
            contacts[conversation.Contact].Name.Split(' ')[0],
            authorName.Split(' ')[0],
            random.Next(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture),
            text.Product(random),
            conversation.English);

        // The shape of the thread first (who speaks when), then the texts and times.
        var plan = new List<(MessageDirection Direction, MessageKind Kind, string? Activity, bool NewTurn)> { (MessageDirection.Incoming, MessageKind.Message, null, true) };
        var closing = conversation.Status switch
        {
            ConversationStatus.Resolved when random.NextDouble() < 0.9 => $"status|{authorName}|Resolved",
            ConversationStatus.Pending when random.NextDouble() < 0.8 => $"status|{authorName}|Pending",
            ConversationStatus.Snoozed => $"snoozed|{authorName}|{conversation.SnoozedUntil!.Value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)}",
            _ => null,
        };
        var budget = conversation.MessageCount - 1 - (closing is null ? 0 : 1);
        if (conversation.Assignee >= 0 && budget > 1 && random.NextDouble() < 0.6)
        {
            plan.Add((MessageDirection.Outgoing, MessageKind.Activity, random.NextDouble() < 0.5 ? $"routed|{authorName}" : $"assigned|{supervisorName}|{authorName}", false));
            budget--;
        }

        foreach (var label in conversation.Labels)
        {
            if (budget > 1 && random.NextDouble() < 0.5)
            {
                plan.Add((MessageDirection.Outgoing, MessageKind.Activity, $"label-added|{authorName}|{workspace.Labels[label].Name}", false));
                budget--;
            }
        }

        var agentTurn = true;
        while (budget > 0)
        {
            var turn = Math.Min(budget, agentTurn ? random.Next(1, 3) : random.Next(1, 4));
            for (var k = 0; k < turn; k++)
            {
                plan.Add(agentTurn
                    ? (MessageDirection.Outgoing, random.NextDouble() < 0.08 ? MessageKind.Note : MessageKind.Message, null, k == 0)
                    : (MessageDirection.Incoming, MessageKind.Message, null, k == 0));
            }

            budget -= turn;
            agentTurn = !agentTurn;
        }

        if (conversation.CustomerWaiting && plan.Count > 1 && plan[^1].Direction == MessageDirection.Outgoing)
        {
            plan[^1] = (MessageDirection.Incoming, MessageKind.Message, null, true);
        }

        if (closing is not null)
        {
            plan.Add((MessageDirection.Outgoing, MessageKind.Activity, closing, true));
        }

        // Gaps: seconds within a turn, minutes to hours between turns.
        var gaps = new double[plan.Count];
        for (var i = 1; i < plan.Count; i++)
        {
            var mean = !plan[i].NewTurn ? 40 : plan[i].Direction == MessageDirection.Outgoing ? 12 * 60 : 25 * 60;
            gaps[i] = -Math.Log(1 - random.NextDouble()) * mean;
        }

        var span = (conversation.SpanEnd - conversation.Start).TotalSeconds;
        var total = gaps.Sum();
        var squeeze = total > span ? span / total : 1;

        var messages = new MessageRow[plan.Count];
        var at = conversation.Start;
        for (var i = 0; i < plan.Count; i++)
        {
            at += TimeSpan.FromSeconds(gaps[i] * squeeze);
            var (direction, kind, activity, _) = plan[i];
            var isCustomer = direction == MessageDirection.Incoming;
            var failed = kind == MessageKind.Message && !isCustomer && random.NextDouble() < 0.02;
            messages[i] = new MessageRow
            {
                Id = Guid.CreateVersion7(at),
                Conversation = conversation.Index,
                Direction = direction,
                Kind = kind,
                Text = activity ?? (isCustomer ? text.Customer(random, topic) : kind == MessageKind.Note ? text.Note(random, topic) : text.Agent(random, topic)),
                CreatedAt = at,
                // Webhooks arrive a moment after the customer's phone stamped the message.
                ReceivedAt = isCustomer ? at + TimeSpan.FromMilliseconds(random.Next(150, 3000)) : at,
                AuthorId = kind == MessageKind.Activity || isCustomer ? null : agents[author].Id,
                Status = kind != MessageKind.Message || isCustomer ? null : failed ? DeliveryStatus.Failed : PickStatus(random),
                Error = failed ? "(#131047) Re-engagement message: more than 24 hours have passed since the customer last replied" : null,
                ProviderMessageId = kind == MessageKind.Message && !failed ? NewWamid(random) : null,
            };
        }

        Denormalise(conversation, messages);
        AddReadMarkers(random, workspace, conversation, messages, author, now);
        return messages;
    }

    /// <summary>The columns <see cref="Conversation"/> keeps up to date as messages arrive.</summary>
    private static void Denormalise(ConversationRow conversation, MessageRow[] messages)
    {
        conversation.LastActivityAt = conversation.Start;
        foreach (var message in messages)
        {
            if (message.CreatedAt > conversation.LastActivityAt)
            {
                conversation.LastActivityAt = message.CreatedAt;
            }

            if (message.Kind != MessageKind.Message)
            {
                continue;
            }

            if (conversation.LastMessageAt is null || message.CreatedAt >= conversation.LastMessageAt)
            {
                conversation.LastMessageText = message.Text.Length <= 200 ? message.Text : message.Text[..200];
                conversation.LastMessageDirection = message.Direction;
                conversation.LastMessageAt = message.CreatedAt;
            }

            if (message.Direction == MessageDirection.Incoming && (conversation.LastIncomingAt is null || message.ReceivedAt > conversation.LastIncomingAt))
            {
                conversation.LastIncomingAt = message.ReceivedAt;
            }
        }
    }

    /// <summary>
    /// The assignee has read up to their last action (everything, once resolved); supervisors have
    /// looked at a quarter of the conversations at some point; now and then another member has too.
    /// </summary>
    private static void AddReadMarkers(Random random, Workspace workspace, ConversationRow conversation, MessageRow[] messages, int author, DateTimeOffset now)
    {
        var byAgent = messages.LastOrDefault(m => m.AuthorId == workspace.Agents[author].Id || (m.Kind == MessageKind.Activity && m.Direction == MessageDirection.Outgoing));
        if (conversation.Assignee >= 0)
        {
            if (conversation.Status == ConversationStatus.Resolved)
            {
                conversation.Reads.Add((workspace.Agents[conversation.Assignee].Id, Min(now, conversation.LastActivityAt + TimeSpan.FromSeconds(random.Next(1, 600)))));
            }
            else if (byAgent is not null)
            {
                conversation.Reads.Add((workspace.Agents[conversation.Assignee].Id, byAgent.CreatedAt + TimeSpan.FromSeconds(1)));
            }
        }

        foreach (var supervisor in workspace.Supervisors)
        {
            if (random.NextDouble() < 0.25)
            {
                var seen = messages[random.Next(messages.Length)].ReceivedAt;
                conversation.Reads.Add((supervisor.Id, Min(now, seen + TimeSpan.FromSeconds(random.Next(1, 120)))));
            }
        }

        var members = workspace.InboxMembers[conversation.Inbox];
        var other = members[random.Next(members.Length)];
        if (other != conversation.Assignee && random.NextDouble() < 0.05)
        {
            conversation.Reads.Add((workspace.Agents[other].Id, Min(now, conversation.LastActivityAt + TimeSpan.FromSeconds(random.Next(1, 600)))));
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DeliveryStatus PickStatus(Random random)
    {
        var roll = random.NextDouble();
        return roll < 0.62 ? DeliveryStatus.Read : roll < 0.91 ? DeliveryStatus.Delivered : DeliveryStatus.Sent;
    }

    /// <summary>WhatsApp message ids: the random part makes collisions (and so unique-index failures) practically impossible; the bulk load's unique index would report one.</summary>
    private static string NewWamid(Random random)
    {
        Span<byte> bytes = stackalloc byte[18];
        random.NextBytes(bytes);
        return "wamid.HBgM" + Convert.ToHexString(bytes);
    }

    /// <summary>Seven in ten conversations in the past year, three in the last two months (the business grows); business hours in Brazil.</summary>
    private static DateTimeOffset SampleStart(Random random, DateTimeOffset now)
    {
        var days = random.NextDouble() < 0.7 ? random.NextDouble() * 365 : random.NextDouble() * 60;
        var day = (now - TimeSpan.FromDays(days)).UtcDateTime.Date;
        // 08:00-22:00 in UTC-3, most between 09:00 and 18:00.
        var hour = random.NextDouble() < 0.75 ? 9 + (random.NextDouble() * 9) : 8 + (random.NextDouble() * 14);
        var start = new DateTimeOffset(day, TimeSpan.Zero) + TimeSpan.FromHours(hour + 3);
        return start < now - TimeSpan.FromMinutes(10) ? start : now - TimeSpan.FromMinutes(10 + (random.NextDouble() * 600));
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static double[] Cumulative(double[] weights)
    {
        var cumulative = new double[weights.Length];
        var sum = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += weights[i];
            cumulative[i] = sum;
        }

        return cumulative;
    }

    private static int PickCumulative(Random random, double[] cumulative)
    {
        var index = Array.BinarySearch(cumulative, random.NextDouble() * cumulative[^1]);
        return Math.Min(index >= 0 ? index : ~index, cumulative.Length - 1);
    }

    private static int PickWeighted(Random random, double[] weights) => PickCumulative(random, Cumulative(weights));
}
