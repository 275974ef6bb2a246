using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Omnichannel.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class ListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_conversations_assignee_id_status",
                table: "conversations");

            migrationBuilder.DropIndex(
                name: "ix_conversation_reads_user_id",
                table: "conversation_reads");

            migrationBuilder.DropIndex(
                name: "ix_conversation_labels_label_id",
                table: "conversation_labels");

            migrationBuilder.CreateIndex(
                name: "ix_conversations_assignee_id_status_last_activity_at_id",
                table: "conversations",
                columns: new[] { "assignee_id", "status", "last_activity_at", "id" },
                descending: new[] { false, false, true, true });

            migrationBuilder.CreateIndex(
                name: "ix_conversations_counts",
                table: "conversations",
                columns: new[] { "status", "inbox_id" },
                filter: "merged_into_id IS NULL")
                .Annotation("Npgsql:IndexInclude", new[] { "assignee_id", "last_incoming_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_conversations_unassigned",
                table: "conversations",
                columns: new[] { "status", "last_activity_at", "id" },
                descending: new[] { false, true, true },
                filter: "assignee_id IS NULL AND merged_into_id IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_conversation_reads_user_id_conversation_id",
                table: "conversation_reads",
                columns: new[] { "user_id", "conversation_id" })
                .Annotation("Npgsql:IndexInclude", new[] { "last_read_at" });

            migrationBuilder.CreateIndex(
                name: "ix_conversation_labels_label_id_conversation_id",
                table: "conversation_labels",
                columns: new[] { "label_id", "conversation_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_conversations_assignee_id_status_last_activity_at_id",
                table: "conversations");

            migrationBuilder.DropIndex(
                name: "ix_conversations_counts",
                table: "conversations");

            migrationBuilder.DropIndex(
                name: "ix_conversations_unassigned",
                table: "conversations");

            migrationBuilder.DropIndex(
                name: "ix_conversation_reads_user_id_conversation_id",
                table: "conversation_reads");

            migrationBuilder.DropIndex(
                name: "ix_conversation_labels_label_id_conversation_id",
                table: "conversation_labels");

            migrationBuilder.CreateIndex(
                name: "ix_conversations_assignee_id_status",
                table: "conversations",
                columns: new[] { "assignee_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_conversation_reads_user_id",
                table: "conversation_reads",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_conversation_labels_label_id",
                table: "conversation_labels",
                column: "label_id");
        }
    }
}
