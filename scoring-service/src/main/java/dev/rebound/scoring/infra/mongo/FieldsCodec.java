package dev.rebound.scoring.infra.mongo;

import org.bson.BsonReader;
import org.bson.BsonType;
import org.bson.BsonWriter;
import org.bson.codecs.Codec;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.EncoderContext;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A BSON codec for a plain class (a no-argument constructor, its fields) or a record (its components), writing the
 * layout Spring Data's mapping gives the same type: the field {@code id} as {@code _id}, the type's name in
 * {@code _class} at the root, instants as dates (to the millisecond), enums by name, nested records and classes as
 * documents, lists as arrays, null values left out; reading ignores fields it does not know and leaves a missing
 * field at its initial value. Both read and write what the other wrote, so a type's hot path can skip the general
 * mapping (reflective conversion into an intermediate document, then its encoding) while every other read and write
 * of the same collection keeps using it.
 * <p>
 * Field types: {@code String}, {@code int}, {@code long}, {@code double}, {@code boolean} and their boxes, {@link
 * Instant}, enums, {@code List} of any of these, nested records and classes, and {@code Object} holding a string,
 * number or boolean. Any other type is refused when the codec is built.
 */
final class FieldsCodec<T> implements Codec<T> {

    private static final MethodType GET = MethodType.methodType(Object.class, Object.class);
    private static final MethodType SET = MethodType.methodType(void.class, Object.class, Object.class);
    private static final EncoderContext ENCODING = EncoderContext.builder().build();
    private static final DecoderContext DECODING = DecoderContext.builder().build();
    private final Class<T> type;
    private final boolean root;
    private final Property[] properties;
    private final Map<String, Property> byName = new HashMap<>();
    private final MethodHandle create;
    private final boolean isRecord;

    /** A codec for {@code type} as a collection's documents (with {@code _class}). */
    static <T> FieldsCodec<T> of(Class<T> type) {
        return new FieldsCodec<>(type, true);
    }

    private FieldsCodec(Class<T> type, boolean root) {
        this.type = type;
        this.root = root;
        this.isRecord = type.isRecord();
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
            List<Property> found = new ArrayList<>();
            if (isRecord) {
                RecordComponent[] components = type.getRecordComponents();
                Class<?>[] parameters = new Class<?>[components.length];
                for (int i = 0; i < components.length; i++) {
                    RecordComponent c = components[i];
                    parameters[i] = c.getType();
                    found.add(new Property(nameOf(c.getName()), i, lookup.unreflect(c.getAccessor()).asType(GET),
                            null, valueOf(c.getGenericType()), c.getType().isPrimitive()));
                }
                create = lookup.findConstructor(type, MethodType.methodType(void.class, parameters))
                        .asSpreader(Object[].class, parameters.length)
                        .asType(MethodType.methodType(Object.class, Object[].class));
            } else {
                for (Field f : type.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers()) || Modifier.isTransient(f.getModifiers())) {
                        continue;
                    }
                    found.add(new Property(nameOf(f.getName()), found.size(), lookup.unreflectGetter(f).asType(GET),
                            lookup.unreflectSetter(f).asType(SET), valueOf(f.getGenericType()),
                            f.getType().isPrimitive()));
                }
                create = lookup.findConstructor(type, MethodType.methodType(void.class))
                        .asType(MethodType.methodType(Object.class));
            }
            properties = found.toArray(Property[]::new);
            for (Property p : properties) {
                byName.put(p.name, p);
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("no codec for " + type.getName() + ": " + e.getMessage(), e);
        }
    }

    private static String nameOf(String field) {
        return field.equals("id") ? "_id" : field;
    }

    @Override
    public Class<T> getEncoderClass() {
        return type;
    }

    @Override
    public void encode(BsonWriter writer, T value, EncoderContext context) {
        writer.writeStartDocument();
        Property id = byName.get("_id");
        if (id != null) {
            write(writer, id, value);
        }
        for (Property p : properties) {
            if (p != id) {
                write(writer, p, value);
            }
        }
        if (root) {
            writer.writeString("_class", type.getName());
        }
        writer.writeEndDocument();
    }

    private void write(BsonWriter writer, Property p, T value) {
        Object v = p.get(value);
        if (v != null) {
            writer.writeName(p.name);
            p.codec.write(writer, v);
        }
    }

    @Override
    public T decode(BsonReader reader, DecoderContext context) {
        Object[] values = isRecord ? new Object[properties.length] : null;
        T target = isRecord ? null : newInstance();
        reader.readStartDocument();
        while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
            Property p = byName.get(reader.readName());
            if (p == null) {
                reader.skipValue();
                continue;
            }
            Object v = reader.getCurrentBsonType() == BsonType.NULL ? readNull(reader) : p.codec.read(reader);
            if (v == null && p.primitive) {
                continue;
            }
            if (isRecord) {
                values[p.index] = v;
            } else {
                p.set(target, v);
            }
        }
        reader.readEndDocument();
        return isRecord ? newRecord(values) : target;
    }

    private static Object readNull(BsonReader reader) {
        reader.readNull();
        return null;
    }

    @SuppressWarnings("unchecked")
    private T newInstance() {
        try {
            return (T) (Object) create.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException("cannot create " + type.getName(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private T newRecord(Object[] values) {
        for (Property p : properties) {
            if (values[p.index] == null && p.primitive) {
                values[p.index] = p.codec.zero();
            }
        }
        try {
            return (T) (Object) create.invokeExact(values);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot create " + type.getName(), e);
        }
    }

    /** A field or record component: its getter {@code (Object)Object}, its setter {@code (Object,Object)void}. */
    private record Property(String name, int index, MethodHandle getter, MethodHandle setter, ValueCodec codec,
                            boolean primitive) {
        Object get(Object target) {
            try {
                return (Object) getter.invokeExact(target);
            } catch (Throwable e) {
                throw new IllegalStateException("cannot read " + name, e);
            }
        }

        void set(Object target, Object value) {
            try {
                setter.invokeExact(target, value);
            } catch (Throwable e) {
                throw new IllegalStateException("cannot set " + name, e);
            }
        }
    }

    /** How one declared type is written and read. */
    private interface ValueCodec {
        void write(BsonWriter writer, Object value);

        Object read(BsonReader reader);

        default Object zero() {
            return null;
        }
    }

    private static ValueCodec valueOf(Type declared) {
        if (declared instanceof ParameterizedType p && p.getRawType() == List.class) {
            ValueCodec element = valueOf(p.getActualTypeArguments()[0]);
            return new ValueCodec() {
                @Override
                public void write(BsonWriter w, Object value) {
                    w.writeStartArray();
                    for (Object e : (List<?>) value) {
                        if (e == null) {
                            w.writeNull();
                        } else {
                            element.write(w, e);
                        }
                    }
                    w.writeEndArray();
                }

                @Override
                public Object read(BsonReader r) {
                    List<Object> list = new ArrayList<>();
                    r.readStartArray();
                    while (r.readBsonType() != BsonType.END_OF_DOCUMENT) {
                        list.add(r.getCurrentBsonType() == BsonType.NULL ? readNull(r) : element.read(r));
                    }
                    r.readEndArray();
                    return list;
                }
            };
        }
        if (!(declared instanceof Class<?> c)) {
            throw new IllegalArgumentException("no codec for the type " + declared);
        }
        if (c == String.class) {
            return simple((w, v) -> w.writeString((String) v), BsonReader::readString, null);
        }
        if (c == int.class || c == Integer.class) {
            return simple((w, v) -> w.writeInt32((Integer) v), r -> (int) whole(r), c.isPrimitive() ? 0 : null);
        }
        if (c == long.class || c == Long.class) {
            return simple((w, v) -> w.writeInt64((Long) v), FieldsCodec::whole, c.isPrimitive() ? 0L : null);
        }
        if (c == double.class || c == Double.class) {
            return simple((w, v) -> w.writeDouble((Double) v), FieldsCodec::number, c.isPrimitive() ? 0.0 : null);
        }
        if (c == boolean.class || c == Boolean.class) {
            return simple((w, v) -> w.writeBoolean((Boolean) v), BsonReader::readBoolean,
                    c.isPrimitive() ? false : null);
        }
        if (c == Instant.class) {
            return simple((w, v) -> w.writeDateTime(((Instant) v).toEpochMilli()),
                    r -> Instant.ofEpochMilli(r.readDateTime()), null);
        }
        if (c.isEnum()) {
            return simple((w, v) -> w.writeString(((Enum<?>) v).name()), r -> enumOf(c, r.readString()), null);
        }
        if (c == Object.class) {
            return simple(FieldsCodec::writeSimple, FieldsCodec::readSimple, null);
        }
        if (c.isPrimitive() || c.isArray() || c.getName().startsWith("java.")) {
            throw new IllegalArgumentException("no codec for the type " + c.getName());
        }
        FieldsCodec<?> nested = new FieldsCodec<>(c, false);
        return simple((w, v) -> encodeNested(nested, w, v), r -> nested.decode(r, DECODING),
                null);
    }

    @SuppressWarnings("unchecked")
    private static <N> void encodeNested(FieldsCodec<N> codec, BsonWriter writer, Object value) {
        codec.encode(writer, (N) value, ENCODING);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumOf(Class<?> type, String name) {
        return Enum.valueOf((Class) type, name);
    }

    private static long whole(BsonReader r) {
        return switch (r.getCurrentBsonType()) {
            case INT32 -> r.readInt32();
            case INT64 -> r.readInt64();
            default -> (long) number(r);
        };
    }

    private static double number(BsonReader r) {
        return switch (r.getCurrentBsonType()) {
            case INT32 -> r.readInt32();
            case INT64 -> r.readInt64();
            case DOUBLE -> r.readDouble();
            case DECIMAL128 -> r.readDecimal128().bigDecimalValue().doubleValue();
            default -> throw new org.bson.BsonInvalidOperationException("a number expected, not "
                    + r.getCurrentBsonType());
        };
    }

    private static void writeSimple(BsonWriter w, Object v) {
        switch (v) {
            case String s -> w.writeString(s);
            case Integer i -> w.writeInt32(i);
            case Long l -> w.writeInt64(l);
            case Double d -> w.writeDouble(d);
            case Float f -> w.writeDouble(f);
            case Boolean b -> w.writeBoolean(b);
            default -> throw new IllegalArgumentException("not a string, number or boolean: " + v.getClass().getName());
        }
    }

    private static Object readSimple(BsonReader r) {
        return switch (r.getCurrentBsonType()) {
            case STRING -> r.readString();
            case INT32 -> r.readInt32();
            case INT64 -> r.readInt64();
            case DOUBLE -> r.readDouble();
            case BOOLEAN -> r.readBoolean();
            default -> {
                r.skipValue();
                yield null;
            }
        };
    }

    private static ValueCodec simple(java.util.function.BiConsumer<BsonWriter, Object> write,
                                     java.util.function.Function<BsonReader, Object> read, Object zero) {
        return new ValueCodec() {
            @Override
            public void write(BsonWriter writer, Object value) {
                write.accept(writer, value);
            }

            @Override
            public Object read(BsonReader reader) {
                return read.apply(reader);
            }

            @Override
            public Object zero() {
                return zero;
            }
        };
    }
}
