package rapport.generate.purchase;

import rapport.generate.world.Business;

/** One order on a customer's path, before it gets its id. */
public record Order(
    long at,
    Business business,
    String category,
    String channel,
    String locationId,
    long cents,
    String status) {}
