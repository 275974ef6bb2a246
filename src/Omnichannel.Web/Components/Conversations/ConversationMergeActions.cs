using Microsoft.Extensions.Localization;
using MudBlazor;
using Omnichannel.Conversations;

namespace Omnichannel.Web.Components.Conversations;

/// <summary>Undoing a conversation merge, shared by the overflow menu and the banner on a merged conversation.</summary>
internal static class ConversationMergeActions
{
    public static async Task<bool> UndoAsync(UseCases useCases, ISnackbar snackbar, IStringLocalizer<UiText> text, ILogger logger, Guid conversationId)
    {
        try
        {
            await useCases.Send(new UnmergeConversation(conversationId));
            snackbar.Add(text["Conversation.Unmerged"], Severity.Success);
            return true;
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not undo the merge of conversation {ConversationId}", conversationId);
            snackbar.Add(text["Conversation.Unmerge.Failed"], Severity.Error);
            return false;
        }
    }
}
