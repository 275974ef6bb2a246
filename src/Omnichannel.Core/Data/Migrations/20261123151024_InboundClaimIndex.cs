using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Omnichannel.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class InboundClaimIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_inbound_events_unprocessed",
                table: "inbound_events");

            migrationBuilder.CreateIndex(
                name: "ix_inbound_events_processed_at",
                table: "inbound_events",
                column: "processed_at",
                filter: "processed_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_inbound_events_unprocessed",
                table: "inbound_events",
                column: "id",
                filter: "processed_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_inbound_events_processed_at",
                table: "inbound_events");

            migrationBuilder.DropIndex(
                name: "ix_inbound_events_unprocessed",
                table: "inbound_events");

            migrationBuilder.CreateIndex(
                name: "ix_inbound_events_unprocessed",
                table: "inbound_events",
                columns: new[] { "next_attempt_at", "id" },
                filter: "processed_at IS NULL");
        }
    }
}
